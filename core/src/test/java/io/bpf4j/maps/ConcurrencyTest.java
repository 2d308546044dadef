package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several threads on one map at once, as program runs on several CPUs and Java threads. */
class ConcurrencyTest {
  static final int THREADS = 4;
  static final int N = 10_000;
  static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

  interface Body {
    void run(int thread) throws Exception;
  }

  static void parallel(Body body) throws Exception {
    Thread[] ts = new Thread[THREADS];
    Throwable[] err = new Throwable[1];
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      ts[t] = new Thread(() -> {
        try {
          go.await();
          body.run(id);
        } catch (Throwable e) {
          synchronized (err) {
            err[0] = e;
          }
        }
      });
      ts[t].start();
    }
    go.countDown();
    for (Thread t : ts) {
      t.join();
    }
    if (err[0] != null) {
      throw new AssertionError(err[0]);
    }
  }

  /** Atomic adds through value pointers lose nothing (the value memory is stable). */
  @ParameterizedTest
  @EnumSource(value = MapType.class,
      names = {"ARRAY", "PERCPU_ARRAY", "HASH", "PERCPU_HASH", "LRU_HASH", "LRU_PERCPU_HASH"})
  void atomicAddsAddUp(MapType type) throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("c", type, 4, 8, 16))) {
      m.update(u32(3), zeros(m.javaValueSize()), 0);
      parallel(t -> {
        MemorySegment key = u32(3);
        for (int i = 0; i < N; i++) {
          Rcu.enter();
          try {
            long p = MapHelpers.lookup(m.address(), key.address());
            LONG.getAndAdd(Memory.ALL, p, 1L);
          } finally {
            Rcu.exit();
          }
        }
      });
      MemorySegment v = zeros(m.javaValueSize());
      assertTrue(m.lookup(u32(3), v));
      long sum = 0;
      for (long off = 0; off < v.byteSize(); off += 8) {
        sum += v.get(Memory.U64, off);
      }
      assertEquals((long) THREADS * N, sum);
    }
  }

  /**
   * A reader never sees half of one update and half of another in a map whose replaced
   * elements wait for readers ({@code BPF_F_NO_PREALLOC}; lpm_trie always). A preallocated
   * hash or an LRU map reuses them at once, so there, as in the kernel, it can
   * ({@link PreallocHashTest}).
   */
  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"HASH", "LPM_TRIE"})
  void readersNeverSeeTornValues(MapType type) throws Exception {
    int ks = type == MapType.LPM_TRIE ? 8 : 4;
    BpfMapSpec spec = BpfMapSpec.of("t", type, ks, 64, 8).withFlags(BpfMapSpec.BPF_F_NO_PREALLOC);
    try (BpfMap m = BpfMaps.create(spec)) {
      MemorySegment key = type == MapType.LPM_TRIE ? bytes(32, 0, 0, 0, 1, 2, 3, 4) : u32(1);
      m.update(key, zeros(64), 0);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      parallel(t -> {
        MemorySegment v = zeros(64);
        if (t < 2) {
          long until = System.nanoTime() + 20_000_000_000L;
          for (int i = 1; i <= N / 4 || (reads.get() < 100 && System.nanoTime() < until); i++) {
            v.fill((byte) (i * (t + 1)));
            m.update(key, v, 0);
          }
          stop.set(true);
          return;
        }
        while (!stop.get()) {
          Rcu.enter();
          try {
            long p = MapHelpers.lookup(m.address(), key.address());
            byte first = Memory.ALL.get(Memory.U8, p);
            for (int k = 1; k < 64; k++) {
              assertEquals(first, Memory.ALL.get(Memory.U8, p + k), "torn value");
            }
          } finally {
            Rcu.exit();
          }
          assertTrue(m.lookup(key, v));
          for (int k = 1; k < 64; k++) {
            assertEquals(v.get(Memory.U8, 0), v.get(Memory.U8, k), "torn copy");
          }
          reads.incrementAndGet();
        }
      });
      assertTrue(reads.get() > 0);
      Rcu.reclaim();
    }
  }

  @Test
  void lruKeepsItsBoundUnderContention() throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("lru", MapType.LRU_HASH, 4, 8, 64))) {
      parallel(t -> {
        MemorySegment k = zeros(4);
        MemorySegment v = zeros(8);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < N; i++) {
          k.set(Memory.U32, 0, r.nextInt(1000));
          if (r.nextInt(4) == 0) {
            m.delete(k);
          } else {
            m.update(k, v, 0);
          }
          MapHelpers.lookup(m.address(), k.address());
        }
      });
      int size = m.keys().size();
      assertTrue(size <= 64 && size > 0, "size " + size);
      assertEquals(size, ((HashTable) m).count.get());
    }
  }

  @Test
  void hashInsertsFromManyThreadsAllLand() throws Exception {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("h", MapType.HASH, 4, 4, THREADS * 1000))) {
      parallel(t -> {
        for (int i = 0; i < 1000; i++) {
          m.update(u32(t * 1000 + i), u32(i), BpfMap.BPF_NOEXIST);
        }
      });
      assertEquals(THREADS * 1000, m.keys().size());
      assertEquals(Errno.E2BIG, errno(() -> m.update(u32(-1), u32(0), 0)));
    }
  }

  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"QUEUE", "STACK"})
  void queueAndStackHandEachValueOutOnce(MapType type) throws Exception {
    int perProducer = 3000;
    try (BpfMap q = BpfMaps.create(BpfMapSpec.of("q", type, 0, 4, 128))) {
      BitSet seen = new BitSet();
      AtomicLong popped = new AtomicLong();
      AtomicBoolean failed = new AtomicBoolean();
      long deadline = System.nanoTime() + 30_000_000_000L;
      parallel(t -> {
        MemorySegment v = zeros(4);
        try {
          if (t % 2 == 0) {
            for (int i = 0; i < perProducer; i++) {
              v.set(Memory.U32, 0, t * perProducer + i);
              while (MapHelpers.push(q.address(), v.address(), 0) != 0) {
                if (failed.get() || System.nanoTime() > deadline) {
                  throw new AssertionError("consumers stopped");
                }
                Thread.yield();
              }
            }
          } else {
            while (popped.get() < 2L * perProducer) {
              if (failed.get() || System.nanoTime() > deadline) {
                throw new AssertionError("producers stopped at " + popped.get());
              }
              if (MapHelpers.pop(q.address(), v.address()) == 0) {
                synchronized (seen) {
                  assertFalse(seen.get(v.get(Memory.U32, 0)), "value popped twice");
                  seen.set(v.get(Memory.U32, 0));
                }
                popped.incrementAndGet();
              } else {
                Thread.yield();
              }
            }
          }
        } catch (Throwable e) {
          failed.set(true);
          throw e;
        }
      });
      assertEquals(2L * perProducer, popped.get());
      assertEquals(2 * perProducer, seen.cardinality());
    }
  }

  @Test
  void bloomFilterKeepsEveryConcurrentPush() throws Exception {
    try (BpfMap b = BpfMaps.create(BpfMapSpec.of("b", MapType.BLOOM_FILTER, 0, 8, 4000))) {
      parallel(t -> {
        for (int i = 0; i < 1000; i++) {
          b.push(u64(t * 1000L + i), 0);
        }
      });
      for (int i = 0; i < THREADS * 1000; i++) {
        assertTrue(b.peek(u64(i)));
      }
    }
  }

  @Test
  void ringBufferDeliversEveryRecordFromManyProducers() throws Exception {
    try (BpfMap rb = BpfMaps.create(BpfMapSpec.of("rb", MapType.RINGBUF, 0, 0, 1 << 16))) {
      ConcurrentHashMap<Long, Boolean> got = new ConcurrentHashMap<>();
      RingBufferConsumer c = new RingBufferConsumer(rb, d -> {
        assertEquals(d.get(Memory.U64, 0), ~d.get(Memory.U64, 8), "record intact");
        assertNull(got.put(d.get(Memory.U64, 0), true));
        return 0;
      });
      AtomicLong done = new AtomicLong();
      long stopAt = System.nanoTime() + 40_000_000_000L;
      Thread consumer = new Thread(() -> {
        while ((done.get() < THREADS - 1 || c.available() > 0) && System.nanoTime() < stopAt) {
          c.poll(Duration.ofMillis(5));
        }
      });
      consumer.start();
      parallel(t -> {
        if (t == THREADS - 1) {
          return;
        }
        MemorySegment rec = zeros(16);
        for (int i = 0; i < 5000; i++) {
          long id = t * 100_000L + i;
          long s;
          long until = System.nanoTime() + 30_000_000_000L;
          while ((s = MapHelpers.ringbufReserve(rb.address(), 16, 0)) == 0) {
            if (System.nanoTime() > until || !consumer.isAlive()) {
              throw new AssertionError("consumer stopped");
            }
            Thread.yield();
          }
          Memory.ALL.set(Memory.U64, s, id);
          Memory.ALL.set(Memory.U64, s + 8, ~id);
          MapHelpers.ringbufCommit(s, 0, false);
        }
        rec.fill((byte) 0);
        done.incrementAndGet();
      });
      consumer.join();
      assertEquals((THREADS - 1) * 5000, got.size());
    }
  }

  @Test
  void perfBufferCountsEverySampleOrLoss() throws Exception {
    try (BpfMap pe = BpfMaps.create(BpfMapSpec.of("pe", MapType.PERF_EVENT_ARRAY, 4, 4, 0))) {
      AtomicLong samples = new AtomicLong();
      AtomicLong lost = new AtomicLong();
      try (PerfBufferReader r = new PerfBufferReader(pe, 4096,
          (cpu, d) -> samples.incrementAndGet(), (cpu, n) -> lost.addAndGet(n))) {
        parallel(t -> {
          MemorySegment v = u64(t);
          for (int i = 0; i < 2000; i++) {
            MapHelpers.perfEventOutput(pe.address(), 0xffffffffL, v.address(), 8);
            if (t == 0 && i % 100 == 0) {
              r.consume();
            }
          }
        });
        r.consume();
      }
      assertEquals(THREADS * 2000L, samples.get() + lost.get());
    }
  }

  @Test
  void retiredElementsAreFreedOnceReadersLeave() throws Exception {
    long grace = Rcu.GRACE_NANOS / 1_000_000 + 5;
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("r", MapType.HASH, 4, 8, 4).withFlags(BpfMapSpec.BPF_F_NO_PREALLOC))) {
      Thread.sleep(grace);
      Rcu.reclaim();
      assertEquals(0, Rcu.pending());
      Rcu.enter();
      try {
        for (int i = 0; i < 10; i++) {
          m.update(u32(1), u64(i), 0);
        }
        Thread.sleep(grace);
        Rcu.reclaim();
        assertTrue(Rcu.pending() >= 9, "held while a reader is inside: " + Rcu.pending());
      } finally {
        Rcu.exit();
      }
      Rcu.reclaim();
      assertEquals(0, Rcu.pending(), "freed once the reader left");
      m.update(u32(1), u64(99), 0);
      Rcu.reclaim();
      assertEquals(1, Rcu.pending(), "no reader, but still inside the grace period");
      Thread.sleep(grace);
      Rcu.reclaim();
      assertEquals(0, Rcu.pending());
    }
  }
}
