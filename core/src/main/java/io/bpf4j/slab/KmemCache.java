package io.bpf4j.slab;

import io.bpf4j.vm.Memory;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One cache of equal-sized objects ({@code struct kmem_cache}). {@link #alloc()} and {@link
 * #free(long)} take no lock on their fast path: each thread keeps two magazines of free
 * objects (Bonwick and Adams, 2001); a shared depot trades full and empty magazines between
 * threads; behind it the slab layer ({@code SlabPool}) keeps full, partial and empty slabs.
 * An object may be allocated on one thread and freed on another.
 *
 * <p>Without debug mode, {@code free} trusts its argument the way the kernel's {@code
 * kmem_cache_free} does; a bad pointer is caught only when its magazine goes back to the
 * slabs. In debug mode every call goes to the slab layer and is checked at once.
 */
public final class KmemCache {
  /** {@code GFP_KERNEL}: the gfp_flags reported to the kmem tracepoints. */
  public static final long GFP_KERNEL = 0xcc0;
  /** {@code __GFP_ZERO}: added to the flags by {@link #allocZeroed()}. */
  public static final long GFP_ZERO = 0x100;

  final SlabPool pool;
  private final boolean debug;
  private final int magazineSize;
  private final ThreadLocal<CpuCache> local;
  /**
   * A direct-mapped table of per-thread caches by thread id, read before the ThreadLocal:
   * cheaper than its hash lookup. A slot is only used by the thread that owns its cache.
   */
  private final CpuCache[] byThread = new CpuCache[64];
  private final ConcurrentLinkedQueue<CpuCache> cpuCaches = new ConcurrentLinkedQueue<>();
  private final Depot depot = new Depot();
  private volatile boolean dead;

  /**
   * The per-thread layer: a loaded and a previous magazine (Bonwick's two-magazine rule),
   * each a stack of free objects' addresses. The previous one is always full or empty; the
   * counts live here, not in the magazines, to save a memory access on the fast path.
   */
  static final class CpuCache {
    final Thread owner;
    long[] loaded;
    int loadedCount;
    long[] previous;
    int previousCount;

    CpuCache(Thread owner, int size) {
      this.owner = owner;
      this.loaded = new long[size];
      this.previous = new long[size];
    }

    void swap() {
      long[] m = loaded;
      loaded = previous;
      previous = m;
      int n = loadedCount;
      loadedCount = previousCount;
      previousCount = n;
    }
  }

  /** Full and empty magazines shared by all threads, under its monitor. */
  private final class Depot {
    final ArrayDeque<long[]> full = new ArrayDeque<>();
    final ArrayDeque<long[]> empty = new ArrayDeque<>();
    int minFull;

    /** A full magazine for an empty one, or null when the depot has none. */
    synchronized long[] takeFull(long[] emptyOne) {
      long[] m = full.pollFirst();
      if (m != null) {
        minFull = Math.min(minFull, full.size());
        empty.addFirst(emptyOne);
      }
      return m;
    }

    /** Takes a full magazine, gives back an empty one. */
    long[] putFull(long[] fullOne) {
      synchronized (this) {
        if (full.size() < 64) {
          full.addFirst(fullOne);
          long[] e = empty.pollFirst();
          return e != null ? e : new long[magazineSize];
        }
      }
      // the depot is at its limit: the objects go back to their slabs
      pool.freeBatch(fullOne, fullOne.length);
      return fullOne;
    }

    /** Working-set reap: returns the magazines nobody took since the last reap. */
    void reap(boolean all) {
      ArrayDeque<long[]> out = new ArrayDeque<>();
      synchronized (this) {
        int n = all ? full.size() : Math.min(minFull, full.size());
        for (int i = 0; i < n; i++) {
          out.add(full.pollLast());
        }
        minFull = full.size();
        empty.clear();
      }
      for (long[] m : out) {
        pool.freeBatch(m, m.length);
      }
    }

    synchronized long rounds() {
      return (long) full.size() * magazineSize;
    }
  }

  KmemCache(SlabPool pool) {
    this.pool = pool;
    this.debug = pool.allocator.config().debug();
    this.magazineSize = pool.allocator.config().magazineSize();
    this.local = ThreadLocal.withInitial(() -> {
      CpuCache c = new CpuCache(Thread.currentThread(), magazineSize);
      cpuCaches.add(c);
      return c;
    });
  }

  /** The cache's name, as in slabinfo. */
  public String name() {
    return pool.name;
  }

  /** The object size callers asked for. */
  public int objectSize() {
    return pool.layout.objectSize();
  }

  /** The alignment of every object. */
  public int align() {
    return pool.layout.align();
  }

  /** The allocator this cache belongs to. */
  public SlabAllocator allocator() {
    return pool.allocator;
  }

  /**
   * An object ({@code kmem_cache_alloc}): the native address of {@link #objectSize()} bytes,
   * constructed by the cache's constructor if it has one, otherwise with undefined content
   * (poison {@code 0x6b} in debug mode). Returns {@code 0} when the memory limit is reached.
   */
  public long alloc() {
    long a = take();
    if (KmemTrace.enabled && a != 0) {
      KmemTrace.alloc(this, a, GFP_KERNEL);
    }
    return a;
  }

  /** An object filled with zeros ({@code kmem_cache_zalloc}); 0 when out of memory. */
  public long allocZeroed() {
    long a = take();
    if (a != 0) {
      Memory.ALL.asSlice(a, objectSize()).fill((byte) 0);
      if (KmemTrace.enabled) {
        KmemTrace.alloc(this, a, GFP_KERNEL | GFP_ZERO);
      }
    }
    return a;
  }

  private long take() {
    if (dead) {
      throw deadCache();
    }
    if (debug) {
      return pool.allocDebug();
    }
    CpuCache c = cpu();
    int n = c.loadedCount;
    if (n > 0) {
      c.loadedCount = --n;
      return c.loaded[n];
    }
    return takeSlow(c);
  }

  private CpuCache cpu() {
    Thread t = Thread.currentThread();
    CpuCache c = byThread[(int) t.threadId() & (byThread.length - 1)];
    if (c != null && c.owner == t) {
      return c;
    }
    return cpuSlow(t);
  }

  private CpuCache cpuSlow(Thread t) {
    CpuCache c = local.get();
    int i = (int) t.threadId() & (byThread.length - 1);
    CpuCache old = byThread[i];
    if (old == null || !old.owner.isAlive()) {
      byThread[i] = c;
    }
    return c;
  }

  /** The loaded magazine is empty. */
  private long takeSlow(CpuCache c) {
    if (c.previousCount == 0) {
      long[] full = depot.takeFull(c.previous);
      if (full != null) {
        c.previous = full; // both empty: the previous one went to the depot
        c.previousCount = full.length;
      } else {
        int n = pool.allocBatch(c.loaded, magazineSize / 2);
        if (n == 0) {
          return 0;
        }
        c.loadedCount = n;
        return take(c);
      }
    }
    c.swap();
    return take(c);
  }

  private static long take(CpuCache c) {
    return c.loaded[--c.loadedCount];
  }

  /**
   * Gives an object back ({@code kmem_cache_free}); {@code 0} is ignored. In debug mode an
   * invalid pointer is refused with a {@link SlabException} and nothing changes.
   */
  public void free(long addr) {
    if (addr == 0) {
      return;
    }
    if (dead) {
      throw deadCache();
    }
    if (debug) {
      pool.freeDebug(addr);
    } else {
      CpuCache c = cpu();
      int n = c.loadedCount;
      long[] m = c.loaded;
      if (n < m.length) {
        m[n] = addr;
        c.loadedCount = n + 1;
      } else {
        putSlow(c, addr);
      }
    }
    if (KmemTrace.enabled) {
      KmemTrace.free(this, addr);
    }
  }

  /** The loaded magazine is full. */
  private void putSlow(CpuCache c, long addr) {
    if (c.previousCount != 0) {
      assert c.previousCount == c.previous.length : "the previous magazine is full or empty";
      c.previous = depot.putFull(c.previous); // full goes to the depot, an empty comes back
      c.previousCount = 0;
    }
    c.swap();
    c.loaded[c.loadedCount++] = addr;
  }

  private IllegalStateException deadCache() {
    return new IllegalStateException("cache '" + name() + "' was destroyed or its allocator"
        + " closed");
  }

  /** The {@code /proc/slabinfo} row of this cache. */
  public SlabInfo info() {
    return stats().info();
  }

  /**
   * The cache's figures. Objects in the magazines of running threads are read without
   * synchronisation: exact when the cache is quiet, a close snapshot otherwise.
   */
  public SlabStats stats() {
    long cached = depot.rounds();
    for (CpuCache c : cpuCaches) {
      cached += c.loadedCount + c.previousCount;
    }
    return pool.stats(cached);
  }

  /** Returns the calling thread's magazines to the slabs. */
  public void flushLocal() {
    if (!debug) {
      flush(cpu());
    }
  }

  private void flush(CpuCache c) {
    pool.freeBatch(c.loaded, c.loadedCount);
    c.loadedCount = 0;
    pool.freeBatch(c.previous, c.previousCount);
    c.previousCount = 0;
  }

  void reap() {
    reap(false);
    pool.reap(System.nanoTime(), pool.allocator.config().emptySlabDelay().toNanos(),
        pool.allocator.config().emptySlabsKept());
  }

  private void reap(boolean all) {
    if (debug) {
      return;
    }
    Thread me = Thread.currentThread();
    // one reaper at a time: two flushing the same ended thread's magazines would return its
    // objects twice
    synchronized (cpuCaches) {
      for (Iterator<CpuCache> it = cpuCaches.iterator(); it.hasNext(); ) {
        CpuCache c = it.next();
        if (c.owner == me) {
          flush(c);
        } else if (!c.owner.isAlive()) {
          flush(c);
          it.remove();
        }
      }
    }
    depot.reap(all);
  }

  /**
   * {@code kmem_cache_shrink}: returns the calling thread's magazines, the depot and the
   * magazines of ended threads to the slabs, then releases every empty slab.
   *
   * @return the number of slabs released
   */
  public int shrink() {
    reap(true);
    return pool.shrink(false);
  }

  /**
   * {@code kmem_cache_destroy}: releases every slab and removes the cache from its allocator.
   * Every object must have been freed; objects still cached by other running threads are
   * dropped with the cache.
   *
   * @throws IllegalStateException naming how many objects are still in use
   */
  public void destroy() {
    reap(true);
    long inUse = stats().inUse();
    if (inUse > 0) {
      throw new IllegalStateException(
          "cache '" + name() + "' still has " + inUse + " object(s) in use");
    }
    kill();
    pool.allocator.forget(this);
  }

  void kill() {
    dead = true;
    pool.shrink(true);
  }

  @Override
  public String toString() {
    return "KmemCache[" + name() + ", " + objectSize() + " bytes]";
  }
}
