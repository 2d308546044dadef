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
 *
 * <p>Cost: elements retired inside a section (a program's updates and deletes) are collected
 * in a per-thread batch of at most {@value #BATCH}, which is published when it is full or
 * when the section ends; the batch takes the epoch at publication (later than any of its
 * elements' retirement, so it is safe) and the time of its first element (the grace period
 * counts from there: a batch spans one section). A retirement outside a section is
 * published at once. So the per-element cost is a few stores; the clock, the epoch counter
 * and the shared queue are paid once per batch.
 */
public final class Rcu {
  private Rcu() {}

  static final int BATCH = 64;
  private static final AtomicLong EPOCH = new AtomicLong(1);
  private static final CopyOnWriteArrayList<Reader> READERS = new CopyOnWriteArrayList<>();
  private static final ThreadLocal<Reader> READER =
      ThreadLocal.withInitial(
          () -> {
            Reader r = new Reader();
            READERS.add(r);
            return r;
          });
  private static final ConcurrentLinkedQueue<Batch> PENDING = new ConcurrentLinkedQueue<>();
  /** Elements in published batches not yet freed. */
  private static final AtomicInteger PENDING_COUNT = new AtomicInteger();
  /** The grace period in nanoseconds. */
  static final long GRACE_NANOS =
      Math.max(0, Long.getLong("bpf4j.rcu.graceMillis", 20)) * 1_000_000L;

  private static final class Reader {
    volatile long epoch;
    int depth;
    /** The batch being filled (owner thread only); null when empty. */
    Batch open;
    /** Elements published since this thread last reclaimed. */
    int sinceReclaim;
  }

  /** Retired elements freed together; {@code epoch} and {@code n} are set on publication. */
  private static final class Batch {
    final long time;
    final long[] addr = new long[BATCH];
    final ElementMemory[] memory = new ElementMemory[BATCH];
    int n;
    long epoch;

    Batch(long time) {
      this.time = time;
    }
  }

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
      if (r.open != null) {
        publishAndMaybeReclaim(r);
      }
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
    Reader r = READER.get();
    Batch b = r.open;
    if (b == null) {
      b = r.open = new Batch(System.nanoTime());
    }
    b.addr[b.n] = addr;
    b.memory[b.n] = memory;
    if (++b.n == BATCH || r.depth == 0) {
      publishAndMaybeReclaim(r);
    }
  }

  /** Publishes the open batch of the calling thread's {@code r}. */
  private static void publish(Reader r) {
    Batch b = r.open;
    r.open = null;
    // after every element's unlink: a reader that enters later cannot have seen them
    b.epoch = EPOCH.getAndIncrement();
    PENDING_COUNT.addAndGet(b.n);
    PENDING.add(b);
    r.sinceReclaim += b.n;
  }

  /** {@link #publish}, then a reclaim every {@value #BATCH} elements this thread published. */
  private static void publishAndMaybeReclaim(Reader r) {
    publish(r);
    if (r.sinceReclaim >= BATCH) {
      r.sinceReclaim = 0;
      reclaim();
    }
  }

  /**
   * Frees every retired element that no active reader can see and whose grace period is
   * over; returns how many. The calling thread's own open batch is published first.
   */
  public static int reclaim() {
    Reader self = READER.get();
    if (self.open != null) {
      publish(self);
    }
    long min = Long.MAX_VALUE;
    for (Reader r : READERS) {
      long e = r.epoch;
      if (e != 0 && e < min) {
        min = e;
      }
    }
    int n = 0;
    long now = System.nanoTime();
    Batch head;
    while ((head = PENDING.peek()) != null && head.epoch < min
        && now - head.time >= GRACE_NANOS) {
      if (PENDING.remove(head)) {
        for (int i = 0; i < head.n; i++) {
          head.memory[i].free(head.addr[i]);
        }
        PENDING_COUNT.addAndGet(-head.n);
        n += head.n;
      }
    }
    return n;
  }

  /** The number of retired elements not yet freed (the calling thread's open batch too). */
  public static int pending() {
    Batch open = READER.get().open;
    return PENDING_COUNT.get() + (open == null ? 0 : open.n);
  }
}
