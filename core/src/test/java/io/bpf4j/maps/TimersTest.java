package io.bpf4j.maps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Timers} without a program: what the helpers return, the key and value a callback
 * gets, and timers racing with deletes, updates and the map's close from several threads.
 * (The same semantics from C programs, against the kernel: {@code JvmTimersTest},
 * {@code TimerAgreementTest}.)
 */
class TimersTest {
  static BpfMap map(MapType type) {
    // value: struct bpf_timer at 8, a u64 before and after
    return BpfMaps.create(BpfMapSpec.of("timers", type, 4, 32, 16).withTimer(8));
  }

  @Test
  void aCallbackGetsTheMapTheKeyAndTheValue() throws Exception {
    try (Arena a = Arena.ofConfined(); BpfMap m = map(MapType.ARRAY)) {
      MemorySegment key = a.allocate(4, 4);
      key.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 3);
      long value = MapHelpers.lookup(m.address(), key.address());
      long word = value + 8;
      assertEquals(-Errno.EINVAL, Timers.init(word, m.address(), 3), "CLOCK_PROCESS_CPUTIME_ID");
      assertEquals(-Errno.EINVAL, Timers.init(word + 8, m.address(), 1), "not the timer field");
      assertEquals(0, Timers.init(word, m.address(), Timers.CLOCK_BOOTTIME));
      assertEquals(-Errno.EBUSY, Timers.init(word, m.address(), Timers.CLOCK_MONOTONIC));
      long[] got = new long[4];
      CountDownLatch fired = new CountDownLatch(1);
      assertEquals(0, Timers.setCallback(word, (mp, k, v) -> {
        got[0] = mp;
        got[1] = Memory.ALL.get(Memory.U32, k);
        got[2] = v;
        got[3] = Thread.currentThread().getName().equals("bpf4j-timers") ? 1 : 0;
        fired.countDown();
      }));
      assertEquals(0, Timers.start(word, 0, 0));
      assertTrue(fired.await(5, TimeUnit.SECONDS));
      assertEquals(m.address(), got[0]);
      assertEquals(3, got[1], "an array's key is its u32 index");
      assertEquals(value, got[2]);
      assertEquals(1, got[3], "on the timer thread");
      // the timer word is hidden from user space and survives nothing but the element
      MemorySegment v = m.lookup(key).orElseThrow();
      assertEquals(0, v.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 8));
      assertEquals(0, Timers.start(word, 10_000_000_000L, 0));
      assertEquals(1, Timers.cancel(word), "it was armed");
      assertEquals(-Errno.EINVAL, Timers.start(word, 0, 0), "cancel dropped the callback");
      m.update(key, MemorySegment.ofArray(new byte[32]), 0);
      assertEquals(-Errno.EINVAL, Timers.cancel(word), "the update freed the timer");
    }
  }

  @Test
  void aHashKeyIsTheElementsKey() throws Exception {
    try (Arena a = Arena.ofConfined(); BpfMap m = map(MapType.HASH)) {
      MemorySegment key = a.allocate(4, 4);
      key.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 0xabcd);
      MemorySegment zero = a.allocate(32, 8);
      assertEquals(0, MapHelpers.update(m.address(), key.address(), zero.address(), 0));
      long value = MapHelpers.lookup(m.address(), key.address());
      assertEquals(-Errno.EINVAL, Timers.init(zero.address() + 8, m.address(), 1),
          "memory that is no element of the map");
      assertEquals(0, Timers.init(value + 8, m.address(), 1));
      AtomicLong k = new AtomicLong();
      CountDownLatch fired = new CountDownLatch(1);
      Timers.setCallback(value + 8, (mp, kp, v) -> {
        k.set(Memory.ALL.get(Memory.U32, kp));
        fired.countDown();
      });
      assertEquals(0, Timers.start(value + 8, System.nanoTime(), Timers.F_TIMER_ABS));
      assertTrue(fired.await(5, TimeUnit.SECONDS));
      assertEquals(0xabcd, k.get());
    }
  }

  @Test
  void timersRaceWithDeletesUpdatesAndClose() throws Exception {
    int before = Timers.live();
    BpfMap m = map(MapType.HASH);
    AtomicLong calls = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Timers.Action count = (mp, k, v) -> {
      if (Memory.ALL.get(Memory.U32, k) >= 16) {
        failure.compareAndSet(null, new AssertionError("a key outside the map"));
      }
      calls.incrementAndGet();
    };
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try (Arena a = Arena.ofConfined()) {
          MemorySegment key = a.allocate(4, 4);
          MemorySegment val = a.allocate(32, 8);
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int i = 0; i < 3000; i++) {
            key.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, r.nextInt(16));
            long k = key.address();
            switch (r.nextInt(4)) {
              case 0 -> MapHelpers.update(m.address(), k, val.address(), 0);
              case 1 -> MapHelpers.delete(m.address(), k);
              default -> {
                Rcu.enter(); // as a program run holds its element
                try {
                  long v = MapHelpers.lookup(m.address(), k);
                  if (v != 0) {
                    Timers.init(v + 8, m.address(), 1);
                    Timers.setCallback(v + 8, count);
                    long rc = r.nextBoolean() ? Timers.start(v + 8, r.nextInt(50_000), 0)
                        : Timers.cancel(v + 8);
                    if (rc < -Errno.EINVAL || rc > 1) {
                      failure.compareAndSet(null, new AssertionError("returned " + rc));
                    }
                  }
                } finally {
                  Rcu.exit();
                }
              }
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    m.close();
    Thread.sleep(20); // a callback that was running when the map closed ends (it is not waited for)
    long after = calls.get();
    Thread.sleep(50);
    assertNull(failure.get());
    assertTrue(after > 0, "some timers fired");
    assertEquals(after, calls.get(), "no callback after the map's close");
    assertEquals(before, Timers.live(), "the close freed every timer");
    assertNull(Timers.lastFailure());
    assertThrows(IllegalArgumentException.class,
        () -> BpfMapSpec.of("t", MapType.PERCPU_ARRAY, 4, 32, 4).withTimer(8));
  }
}
