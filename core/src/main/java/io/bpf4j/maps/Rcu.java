package io.bpf4j.maps;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Safe memory reclamation for map elements, the JVM backend's stand-in for the kernel's RCU:
 * epoch-based. A program run, or any code that holds a pointer into a map element, is a
 * read-side critical section between {@link #enter()} and {@link #exit()}; an element that a
 * writer replaced or deleted is only given back to its memory once every critical section
 * that could have seen it has ended. Engines (interpreter, JIT) call {@code enter} before a
 * run and {@code exit} after it, as the kernel runs programs under {@code rcu_read_lock}.
 * Sections nest and cost two field writes and one volatile read.
 *
 * <p>As a safety net for code that holds element pointers without a section (an engine that
 * does not call {@code enter}), a retired element is also kept for a grace period after its
 * retirement (system property {@code bpf4j.rcu.graceMillis}, default 20 ms), far longer than
 * a program run that looked it up before it was replaced.
 */
public final class Rcu {
  private Rcu() {}

  private static final AtomicLong EPOCH = new AtomicLong(1);
  private static final CopyOnWriteArrayList<Reader> READERS = new CopyOnWriteArrayList<>();
  private static final ThreadLocal<Reader> READER =
      ThreadLocal.withInitial(
          () -> {
            Reader r = new Reader();
            READERS.add(r);
            return r;
          });
  private static final ConcurrentLinkedQueue<Retired> PENDING = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger PENDING_COUNT = new AtomicInteger();
  /** The grace period in nanoseconds. */
  static final long GRACE_NANOS =
      Math.max(0, Long.getLong("bpf4j.rcu.graceMillis", 20)) * 1_000_000L;

  private static final class Reader {
    volatile long epoch;
    int depth;
  }

  private record Retired(long epoch, long time, ElementMemory memory, long addr) {}

  /** Starts a read-side critical section on the calling thread (nests). */
  public static void enter() {
    Reader r = READER.get();
    if (r.depth++ == 0) {
      r.epoch = EPOCH.get();
    }
  }

  /** Ends the critical section {@link #enter()} started. */
  public static void exit() {
    Reader r = READER.get();
    if (--r.depth == 0) {
      r.epoch = 0;
    } else if (r.depth < 0) {
      r.depth = 0;
      throw new IllegalStateException("Rcu.exit() without enter()");
    }
  }

  /** True when the calling thread is inside a critical section. */
  public static boolean inSection() {
    return READER.get().depth > 0;
  }

  /** Frees {@code addr} to {@code memory} once no reader can still see it. */
  static void retire(ElementMemory memory, long addr) {
    PENDING.add(new Retired(EPOCH.getAndIncrement(), System.nanoTime(), memory, addr));
    if ((PENDING_COUNT.incrementAndGet() & 63) == 0) {
      reclaim();
    }
  }

  /**
   * Frees every retired element that no active reader can see and whose grace period is
   * over; returns how many.
   */
  public static int reclaim() {
    long min = Long.MAX_VALUE;
    for (Reader r : READERS) {
      long e = r.epoch;
      if (e != 0 && e < min) {
        min = e;
      }
    }
    int n = 0;
    long now = System.nanoTime();
    Retired head;
    while ((head = PENDING.peek()) != null && head.epoch() < min
        && now - head.time() >= GRACE_NANOS) {
      if (PENDING.remove(head)) {
        head.memory().free(head.addr());
        PENDING_COUNT.decrementAndGet();
        n++;
      }
    }
    return n;
  }

  /** The number of retired elements not yet freed. */
  public static int pending() {
    return PENDING_COUNT.get();
  }
}
