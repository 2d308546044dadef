package io.bpf4j.slab;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.vm.Memory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Allocate on one thread, free on another, many threads: no object lost or duplicated. */
class SlabStressTest {
  private static final long STOP = -1;

  @Test
  void producersAndConsumers() throws Exception {
    run(SlabConfig.defaults().withMagazineSize(16), 200_000);
  }

  @Test
  void producersAndConsumersInDebugMode() throws Exception {
    run(SlabConfig.debugging(), 20_000);
  }

  private static void run(SlabConfig cfg, int perProducer) throws Exception {
    int pairs = 4;
    try (SlabAllocator slab = SlabAllocator.create(cfg.withReaperInterval(Duration.ofMillis(5))
        .withEmptySlabs(1, Duration.ZERO))) {
      KmemCache c = slab.createCache("stress", 32, 8, null);
      ConcurrentHashMap<Long, Boolean> live = new ConcurrentHashMap<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < pairs; t++) {
        BlockingQueue<Long> q = new ArrayBlockingQueue<>(1024);
        threads.add(Thread.ofPlatform().start(() -> guard(failure, () -> {
          for (int i = 0; i < perProducer; i++) {
            long p = c.alloc();
            if (p == 0 || live.putIfAbsent(p, Boolean.TRUE) != null) {
              throw new AssertionError("object 0x" + Long.toHexString(p) + " handed out twice");
            }
            Memory.ALL.set(Memory.U64, p, p);
            q.put(p);
          }
          q.put(STOP);
        })));
        threads.add(Thread.ofPlatform().start(() -> guard(failure, () -> {
          for (long p = q.take(); p != STOP; p = q.take()) {
            if (Memory.ALL.get(Memory.U64, p) != p) {
              throw new AssertionError("object 0x" + Long.toHexString(p) + " overwritten");
            }
            if (live.remove(p) == null) {
              throw new AssertionError("object 0x" + Long.toHexString(p) + " freed twice");
            }
            c.free(p);
          }
        })));
      }
      for (Thread t : threads) {
        t.join(30_000);
        assertFalse(t.isAlive(), "a thread is stuck");
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      assertTrue(live.isEmpty());
      assertEquals(0, slab.errorCount(), () -> slab.errors().toString());
      // every thread has ended: its magazines come back with the reap, nothing is lost
      SlabStats s = c.stats();
      assertEquals(0, s.inUse(), s.toString());
      c.shrink();
      s = c.stats();
      assertEquals(0, s.info().activeObjs(), s.toString());
      assertEquals(0, s.info().numSlabs(), s.toString());
    }
  }

  interface Body {
    void run() throws Exception;
  }

  private static void guard(AtomicReference<Throwable> failure, Body body) {
    try {
      body.run();
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }
}
