package io.bpf4j.slab;

import java.time.Duration;

/**
 * How a {@link SlabAllocator} behaves. {@link #defaults()} is the fast production setting;
 * {@link #debugging()} turns on the checks of the kernel's {@code slub_debug} (poison, red
 * zones, double free and foreign pointer detection).
 *
 * @param debug poison freed objects with {@code 0x6b} and check the poison on reuse, guard
 *     every object with red zones checked on free, and validate every freed pointer; every
 *     operation then takes the slab lock (no magazines), as {@code slub_debug} does
 * @param colouring shift each new slab's first object by a multiple of the cache line, so
 *     that objects of different slabs do not all compete for the same cache sets
 * @param magazineSize objects per magazine (the per-thread cache layer, Bonwick 2001)
 * @param emptySlabsKept empty slabs a cache keeps without a delay, ready for the next burst
 * @param emptySlabDelay how long any further empty slab stays before {@link
 *     SlabAllocator#reap()} returns its pages
 * @param reaperInterval how often a background daemon thread calls {@link
 *     SlabAllocator#reap()}; {@link Duration#ZERO} for no thread (call it yourself)
 * @param memoryLimit the most bytes of native chunks the allocator may take; an allocation
 *     that would need more returns {@code 0} (the kernel's {@code NULL})
 */
public record SlabConfig(
    boolean debug,
    boolean colouring,
    int magazineSize,
    int emptySlabsKept,
    Duration emptySlabDelay,
    Duration reaperInterval,
    long memoryLimit) {

  /** Checks the values; the message names the bad one. */
  public SlabConfig {
    if (magazineSize < 2 || magazineSize > 1024) {
      throw new IllegalArgumentException("magazine size " + magazineSize + " (must be 2..1024)");
    }
    if (emptySlabsKept < 0) {
      throw new IllegalArgumentException("empty slabs kept " + emptySlabsKept + " (must be >= 0)");
    }
    if (emptySlabDelay == null || emptySlabDelay.isNegative()) {
      throw new IllegalArgumentException("empty slab delay " + emptySlabDelay + " (must be >= 0)");
    }
    if (reaperInterval == null || reaperInterval.isNegative()) {
      throw new IllegalArgumentException("reaper interval " + reaperInterval + " (must be >= 0)");
    }
    if (memoryLimit < SlabAllocator.CHUNK_BYTES) {
      throw new IllegalArgumentException(
          "memory limit " + memoryLimit + " (must be at least one chunk, "
              + SlabAllocator.CHUNK_BYTES + " bytes)");
    }
  }

  /** Fast mode: magazines, colouring, one empty slab kept, others returned after 1 s. */
  public static SlabConfig defaults() {
    return new SlabConfig(false, true, 64, 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Long.MAX_VALUE);
  }

  /** The defaults with every debug check on. */
  public static SlabConfig debugging() {
    return defaults().withDebug(true);
  }

  /** This configuration with debug checks on or off. */
  public SlabConfig withDebug(boolean on) {
    return new SlabConfig(on, colouring, magazineSize, emptySlabsKept, emptySlabDelay,
        reaperInterval, memoryLimit);
  }

  /** This configuration with colouring on or off. */
  public SlabConfig withColouring(boolean on) {
    return new SlabConfig(debug, on, magazineSize, emptySlabsKept, emptySlabDelay,
        reaperInterval, memoryLimit);
  }

  /** This configuration with another magazine size. */
  public SlabConfig withMagazineSize(int size) {
    return new SlabConfig(debug, colouring, size, emptySlabsKept, emptySlabDelay,
        reaperInterval, memoryLimit);
  }

  /** This configuration with another policy for empty slabs. */
  public SlabConfig withEmptySlabs(int kept, Duration delay) {
    return new SlabConfig(debug, colouring, magazineSize, kept, delay, reaperInterval,
        memoryLimit);
  }

  /** This configuration with another background reaper interval (ZERO: no thread). */
  public SlabConfig withReaperInterval(Duration interval) {
    return new SlabConfig(debug, colouring, magazineSize, emptySlabsKept, emptySlabDelay,
        interval, memoryLimit);
  }

  /** This configuration with a limit on the native memory taken. */
  public SlabConfig withMemoryLimit(long bytes) {
    return new SlabConfig(debug, colouring, magazineSize, emptySlabsKept, emptySlabDelay,
        reaperInterval, bytes);
  }
}
