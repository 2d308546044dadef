package io.bpf4j.slab;

/**
 * One line of {@code /proc/slabinfo} (version 2.1) for one cache.
 *
 * @param name the cache's name
 * @param activeObjs objects taken out of the slabs: in use by callers or held in the
 *     per-thread magazines and the depot
 * @param numObjs object slots in all the cache's slabs
 * @param objSize bytes each object occupies in its slab (the object size rounded up to the
 *     alignment, plus red zones in debug mode)
 * @param objPerSlab objects in one slab
 * @param pagesPerSlab 4 KiB pages in one slab
 * @param activeSlabs slabs with at least one active object
 * @param numSlabs all slabs of the cache, empty ones included
 */
public record SlabInfo(
    String name,
    long activeObjs,
    long numObjs,
    int objSize,
    int objPerSlab,
    int pagesPerSlab,
    long activeSlabs,
    long numSlabs) {

  /** Bytes of memory the cache's slabs take ({@code num_slabs * pagesperslab * 4096}). */
  public long cacheSize() {
    return numSlabs * pagesPerSlab * (long) SlabAllocator.PAGE_SIZE;
  }

  /** Percentage of object slots that are active, 0 when the cache has no slab. */
  public int usePercent() {
    return numObjs == 0 ? 0 : (int) (activeObjs * 100 / numObjs);
  }

  /** This row in the text format of {@code /proc/slabinfo}. */
  public String toProcLine(int limit, int batchCount) {
    return String.format("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d",
        name, activeObjs, numObjs, objSize, objPerSlab, pagesPerSlab, limit, batchCount, 0,
        activeSlabs, numSlabs, 0);
  }
}
