package io.bpf4j.slab;

/**
 * One slab: a run of pages holding {@link Layout#capacity()} objects of one cache. Its free
 * list and its bitmap of active objects live off-slab, on the Java heap, so that no stray
 * write to an object can corrupt the allocator's own bookkeeping. Guarded by its cache's
 * slab lock.
 */
final class Slab {
  static final int FULL = 0;
  static final int PARTIAL = 1;
  static final int EMPTY = 2;

  final SlabPool pool;
  final Chunk chunk;
  final int firstPage;
  final long base;
  /** Address of object 0: the slab's base plus its colour offset. */
  final long first;
  final int colour;
  private final int[] free;
  private final long[] active;
  int freeCount;
  /** Which list of the pool holds the slab, and its neighbours there. */
  int list = -1;
  Slab prev;
  Slab next;
  /** When the slab became empty ({@link System#nanoTime()}). */
  long emptySince;
  boolean released;

  Slab(SlabPool pool, Chunk chunk, int firstPage, int colour) {
    this.pool = pool;
    this.chunk = chunk;
    this.firstPage = firstPage;
    this.base = chunk.base + ((long) firstPage << SlabAllocator.PAGE_SHIFT);
    this.colour = colour;
    Layout l = pool.layout;
    this.first = base + (long) colour * l.colourStep();
    this.free = new int[l.capacity()];
    this.active = new long[(l.capacity() + 63) >>> 6];
    for (int i = 0; i < free.length; i++) {
      free[i] = free.length - 1 - i;
    }
    freeCount = free.length;
  }

  int capacity() {
    return free.length;
  }

  int activeCount() {
    return free.length - freeCount;
  }

  /** Address of object {@code i}. */
  long object(int i) {
    return first + (long) i * pool.layout.stride() + pool.layout.objOffset();
  }

  /**
   * The index of the object starting at {@code addr}, or -1 when {@code addr} lies in this
   * slab but not at the start of an object.
   */
  int indexOf(long addr) {
    long off = addr - first - pool.layout.objOffset();
    if (off < 0) {
      return -1;
    }
    int stride = pool.layout.stride();
    if (off % stride != 0 || off / stride >= free.length) {
      return -1;
    }
    return (int) (off / stride);
  }

  boolean isActive(int i) {
    return (active[i >>> 6] & (1L << i)) != 0;
  }

  long take() {
    int i = free[--freeCount];
    active[i >>> 6] |= 1L << i;
    return object(i);
  }

  void put(int i) {
    active[i >>> 6] &= ~(1L << i);
    free[freeCount++] = i;
  }
}
