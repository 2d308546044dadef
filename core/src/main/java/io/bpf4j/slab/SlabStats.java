package io.bpf4j.slab;

/**
 * A cache's state in more detail than {@link SlabInfo}, for people learning how a slab
 * allocator works. Read while other threads allocate, the figures are a close snapshot; read
 * when the cache is quiet, they are exact and add up: {@code inUse + cached + free ==
 * objects}, and {@code inUseBytes + cachedBytes + freeBytes + wastedBytes == memoryBytes}.
 *
 * @param info the {@code /proc/slabinfo} row
 * @param objectSize the size callers asked for
 * @param inUse objects handed out and not freed
 * @param cached freed objects kept in per-thread magazines and the depot for quick reuse
 * @param free free object slots in the slabs
 * @param fullSlabs slabs with every object active
 * @param partialSlabs slabs with some active objects
 * @param emptySlabs slabs with no active object, waiting to be reused or released
 * @param memoryBytes bytes of the cache's slabs
 * @param wastedBytes bytes no object can use: padding to the alignment, red zones, and the
 *     tail of each slab too short for one more object
 */
public record SlabStats(
    SlabInfo info,
    int objectSize,
    long inUse,
    long cached,
    long free,
    long fullSlabs,
    long partialSlabs,
    long emptySlabs,
    long memoryBytes,
    long wastedBytes) {

  /** Bytes of objects in use, counted at the size callers asked for. */
  public long inUseBytes() {
    return inUse * objectSize;
  }

  /** Bytes of objects in the magazines. */
  public long cachedBytes() {
    return cached * objectSize;
  }

  /** Bytes of free object slots. */
  public long freeBytes() {
    return free * objectSize;
  }

  /** Number of object slots in all slabs. */
  public long objects() {
    return info.numObjs();
  }
}
