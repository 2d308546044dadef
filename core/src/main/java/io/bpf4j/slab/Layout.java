package io.bpf4j.slab;

/**
 * Where objects lie in a slab of one cache. Each object occupies a {@code stride}: in debug
 * mode a left red zone, the object, and a right red zone; otherwise the object rounded up to
 * the alignment. A slab is {@code pages} pages holding {@code capacity} strides after a
 * colour offset; the tail too short for one more object is the room colouring plays in.
 *
 * <pre>
 *  slab: | colour | stride 0 | stride 1 | ... | stride n-1 | tail |
 *  stride (debug): | red zone (0xcc) | object | red zone (0xcc) ... |
 * </pre>
 */
record Layout(
    int objectSize, int align, int stride, int objOffset, int pages, int capacity,
    int colourStep, int colours) {

  /** Red zone bytes at least on each side of an object in debug mode. */
  static final int REDZONE = 8;
  /** Cache line: the step between colours. */
  static final int CACHE_LINE = 64;
  /** Largest slab, in pages. */
  static final int MAX_PAGES = 64;
  /** Largest object size a cache accepts. */
  static final int MAX_OBJECT = 128 * 1024;

  static Layout of(int objectSize, int align, boolean debug, boolean colouring) {
    if (objectSize <= 0 || objectSize > MAX_OBJECT) {
      throw new IllegalArgumentException(
          "object size " + objectSize + " (must be 1.." + MAX_OBJECT + ")");
    }
    if (align <= 0 || Integer.bitCount(align) != 1 || align > SlabAllocator.PAGE_SIZE) {
      throw new IllegalArgumentException(
          "alignment " + align + " (must be a power of two up to " + SlabAllocator.PAGE_SIZE
              + ")");
    }
    int a = Math.max(align, 8);
    int objOffset = debug ? up(REDZONE, a) : 0;
    int stride = debug ? up(objOffset + objectSize + REDZONE, a) : up(objectSize, a);
    // the smallest slab that holds at least 8 objects with at most 1/8 wasted; failing
    // that (large objects), the one that wastes the least
    int pages = 0;
    double bestWaste = 2;
    for (int p = 1; p <= MAX_PAGES; p *= 2) {
      long bytes = (long) p * SlabAllocator.PAGE_SIZE;
      long n = bytes / stride;
      if (n == 0) {
        continue;
      }
      double waste = (bytes - n * stride) / (double) bytes;
      if (n >= 8 && waste <= 0.125) {
        pages = p;
        break;
      }
      if (waste + 0.01 < bestWaste) {
        pages = p;
        bestWaste = waste;
      }
    }
    int bytes = pages * SlabAllocator.PAGE_SIZE;
    int capacity = bytes / stride;
    int tail = bytes - capacity * stride;
    int step = Math.max(CACHE_LINE, a);
    int colours = colouring ? tail / step + 1 : 1;
    return new Layout(objectSize, a, stride, objOffset, pages, capacity, step, colours);
  }

  private static int up(int v, int a) {
    return (v + a - 1) & -a;
  }

  int slabBytes() {
    return pages * SlabAllocator.PAGE_SIZE;
  }

  /** Bytes of a slab no object can use: its tail and each stride's padding and red zones. */
  int wastePerSlab() {
    return slabBytes() - capacity * objectSize;
  }
}
