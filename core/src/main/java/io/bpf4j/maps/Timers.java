package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code struct bpf_timer} in map values, the JVM backend's stand-in for the kernel's
 * {@code bpf_hrtimer}: what {@code bpf_timer_init}, {@code bpf_timer_set_callback},
 * {@code bpf_timer_start} and {@code bpf_timer_cancel} do, with the kernel's return values.
 *
 * <p>The 16-byte {@code struct bpf_timer} of a value holds in its first 8 bytes the id of a
 * {@link Timer} (0: not initialised), as the kernel's holds a pointer to its {@code
 * bpf_hrtimer}. Timers fire on one daemon thread of the JVM ({@code bpf4j-timers}), the
 * JVM backend's softirq: each callback runs as a program run of its own, under {@link Rcu},
 * with r1 the map, r2 the element's key (for an array a u32 index, as the kernel's
 * {@code bpf_timer_cb} passes it) and r3 the value. Callbacks never run concurrently with
 * each other (one thread), so the kernel's cross-cancel case (two callbacks cancelling each
 * other, {@code -EDEADLK}) cannot arise; a callback cancelling its own timer gets {@code
 * -EDEADLK}.
 *
 * <p>As in the kernel, freeing the element frees its timer (cancelled, never waited for): a
 * delete, the replacement of a hash element by an update, an update of an array element
 * (the value's timer reads as uninitialised afterwards) and the map's close. User space never
 * sees the timer word (a lookup returns it as zeroes) and never writes it.
 */
public final class Timers {
  private Timers() {}

  /** {@code BPF_F_TIMER_ABS}: the expiry is an absolute time on the timer's clock. */
  public static final long F_TIMER_ABS = 1;
  /** {@code BPF_F_TIMER_CPU_PIN}: fire on the CPU that started it (one thread here: no-op). */
  public static final long F_TIMER_CPU_PIN = 2;
  /** {@code CLOCK_REALTIME}. */
  public static final int CLOCK_REALTIME = 0;
  /** {@code CLOCK_MONOTONIC}. */
  public static final int CLOCK_MONOTONIC = 1;
  /** {@code CLOCK_BOOTTIME}. */
  public static final int CLOCK_BOOTTIME = 7;
  /** {@code MAX_CLOCKS}: flags at or above are invalid. */
  static final long MAX_CLOCKS = 16;
  /** {@code sizeof(struct bpf_timer)}. */
  public static final int SIZE = 16;

  /** What a timer runs when it fires: the callback subprogram with (map, key, value). */
  @FunctionalInterface
  public interface Action {
    /** Runs the callback on the calling thread (the timer thread). */
    void fire(long map, long key, long value);
  }

  private static final ConcurrentHashMap<Long, Timer> TIMERS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong(
      (System.nanoTime() & 0x7fff_0000_0000L) | 0x0001_0000_0000_0000L);
  private static final VarHandle LONG = java.lang.foreign.ValueLayout.JAVA_LONG.varHandle();

  private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

  private static ScheduledThreadPoolExecutor executor() {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "bpf4j-timers");
      t.setDaemon(true);
      return t;
    });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  /** One initialised {@code bpf_timer}. Its fields change under its monitor. */
  private static final class Timer {
    final long id;
    final long map;
    final long word;
    final long value;
    final long key;
    final int clock;
    /** The key of an array element (its u32 index), kept alive with the timer. */
    @SuppressWarnings("unused")
    final MemorySegment keyMemory;
    Action callback;
    boolean armed;
    boolean freed;
    long generation;
    ScheduledFuture<?> future;
    Thread running;

    Timer(long id, long map, long word, long value, long key, MemorySegment keyMemory,
        int clock) {
      this.id = id;
      this.map = map;
      this.word = word;
      this.value = value;
      this.key = key;
      this.keyMemory = keyMemory;
      this.clock = clock;
    }
  }

  /** What the last callback that failed threw (null: none), for tools and tests. */
  private static volatile Throwable lastFailure;

  /** The failure of the last timer callback that threw, or null. */
  public static Throwable lastFailure() {
    return lastFailure;
  }

  /** Number of timers initialised and not yet freed (for tests). */
  public static int live() {
    return TIMERS.size();
  }

  private static Timer timer(long word) {
    long id = Memory.ALL.get(Memory.U64, word);
    return id == 0 ? null : TIMERS.get(id);
  }

  /**
   * The map whose timer field {@code word} is, or why not: null when {@code word} is the
   * {@code bpf_timer} of an element of {@code map} (an address the helper may use).
   */
  public static String checkTimer(long map, long word) {
    BaseMap m = BpfMaps.map(map);
    if (m == null) {
      return "0x" + Long.toHexString(map) + " is not a map pointer";
    }
    int off = m.spec.timerOffset();
    if (off < 0) {
      return "map '" + m.spec.name() + "' has no bpf_timer in its value";
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment k = a.allocate(Math.max(8, m.spec.keySize()), 8);
      if (m.keyOfValue(word - off, k.address()) == 0) {
        return String.format("0x%x is not the bpf_timer (at offset %d) of a value of map '%s'",
            word, off, m.spec.name());
      }
    }
    return null;
  }

  /**
   * {@code bpf_timer_init(timer, map, flags)}: 0, -EINVAL for a clock other than
   * {@code CLOCK_MONOTONIC}, {@code CLOCK_REALTIME} and {@code CLOCK_BOOTTIME} or for a timer
   * that is not the {@code bpf_timer} of an element of {@code map}, -EBUSY when already
   * initialised.
   */
  public static long init(long word, long map, long flags) {
    long clock = flags & (MAX_CLOCKS - 1);
    if (Long.compareUnsigned(flags, MAX_CLOCKS) >= 0
        || (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME && clock != CLOCK_BOOTTIME)) {
      return -Errno.EINVAL;
    }
    BaseMap m = BpfMaps.map(map);
    if (m == null || m.spec.timerOffset() < 0) {
      return -Errno.EINVAL;
    }
    long value = word - m.spec.timerOffset();
    MemorySegment keyMemory = null;
    long key;
    if (m instanceof ArrayMap) {
      keyMemory = Arena.ofAuto().allocate(8, 8);
      key = m.keyOfValue(value, keyMemory.address());
    } else {
      key = m.keyOfValue(value, 0);
    }
    if (key == 0) {
      return -Errno.EINVAL;
    }
    long id = IDS.getAndIncrement();
    Timer t = new Timer(id, map, word, value, key, keyMemory, (int) clock);
    TIMERS.put(id, t);
    if (!LONG.compareAndSet(Memory.ALL, word, 0L, id)) {
      TIMERS.remove(id);
      return -Errno.EBUSY;
    }
    return 0;
  }

  /** {@code bpf_timer_set_callback(timer, callback_fn)}: 0, -EINVAL when not initialised. */
  public static long setCallback(long word, Action action) {
    Timer t = timer(word);
    if (t == null) {
      return -Errno.EINVAL;
    }
    synchronized (t) {
      if (t.freed) {
        return -Errno.EINVAL;
      }
      t.callback = action;
    }
    return 0;
  }

  /**
   * {@code bpf_timer_start(timer, nsecs, flags)}: arms (or re-arms) the timer to fire after
   * {@code nsecs} nanoseconds, or at {@code nsecs} on its clock with {@link #F_TIMER_ABS}; a
   * time in the past fires at once. 0, or -EINVAL for unknown flags, a timer not initialised
   * or without a callback (also after {@code bpf_timer_cancel}, which drops it).
   */
  public static long start(long word, long nsecs, long flags) {
    if ((flags & ~(F_TIMER_ABS | F_TIMER_CPU_PIN)) != 0) {
      return -Errno.EINVAL;
    }
    Timer t = timer(word);
    if (t == null) {
      return -Errno.EINVAL;
    }
    synchronized (t) {
      if (t.freed || t.callback == null) {
        return -Errno.EINVAL;
      }
      long delay = (flags & F_TIMER_ABS) != 0 ? nsecs - now(t.clock) : nsecs;
      if (t.future != null) {
        t.future.cancel(false);
      }
      long gen = ++t.generation;
      t.armed = true;
      t.future = EXECUTOR.schedule(() -> fire(t, gen), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
    return 0;
  }

  /**
   * {@code bpf_timer_cancel(timer)}: 1 when the timer was armed, 0 when not, -EINVAL when not
   * initialised, -EDEADLK from the timer's own callback. Drops the callback (a later start
   * needs a new {@code bpf_timer_set_callback}, as in the kernel) and waits for a callback
   * that is running on the timer thread.
   */
  public static long cancel(long word) {
    Timer t = timer(word);
    if (t == null) {
      return -Errno.EINVAL;
    }
    synchronized (t) {
      if (t.freed) {
        return -Errno.EINVAL;
      }
      if (t.running == Thread.currentThread()) {
        return -Errno.EDEADLK;
      }
      t.callback = null;
      while (t.running != null) {
        try {
          t.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      boolean was = t.armed;
      disarm(t);
      return was ? 1 : 0;
    }
  }

  private static void disarm(Timer t) {
    t.armed = false;
    t.generation++;
    if (t.future != null) {
      t.future.cancel(false);
      t.future = null;
    }
  }

  /** The time on {@code clock} in nanoseconds, as the helpers' clocks give it. */
  static long now(int clock) {
    if (clock == CLOCK_REALTIME) {
      java.time.Instant i = java.time.Instant.now();
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
    return System.nanoTime(); // bpf_ktime_get_ns and bpf_ktime_get_boot_ns on the JVM backend
  }

  private static void fire(Timer t, long gen) {
    Action a;
    synchronized (t) {
      if (t.freed || !t.armed || t.generation != gen || t.callback == null) {
        return;
      }
      t.armed = false;
      t.future = null;
      t.running = Thread.currentThread();
      a = t.callback;
    }
    Rcu.enter();
    try {
      a.fire(t.map, t.key, t.value);
    } catch (Throwable e) {
      lastFailure = e;
      System.err.println("bpf4j: bpf_timer callback on map " + BpfMaps.map(t.map) + " failed: "
          + e.getMessage());
    } finally {
      Rcu.exit();
      synchronized (t) {
        t.running = null;
        t.notifyAll();
      }
    }
  }

  /**
   * Frees the timer whose word is at {@code word} (its element is being freed or overwritten):
   * cancelled without waiting for a running callback, forgotten, its word zeroed.
   */
  static void free(long word) {
    long id = Memory.ALL.get(Memory.U64, word);
    if (id == 0) {
      return;
    }
    Memory.ALL.set(Memory.U64, word, 0L);
    Timer t = TIMERS.remove(id);
    if (t != null) {
      synchronized (t) {
        t.freed = true;
        t.callback = null;
        disarm(t);
      }
    }
  }

  /** Frees every timer of the map at {@code map} (it is being closed). */
  static void freeMap(long map) {
    for (Timer t : TIMERS.values()) {
      if (t.map == map) {
        TIMERS.remove(t.id);
        LONG.compareAndSet(Memory.ALL, t.word, t.id, 0L);
        synchronized (t) {
          t.freed = true;
          t.callback = null;
          disarm(t);
        }
      }
    }
  }
}
