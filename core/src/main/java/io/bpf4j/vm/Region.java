package io.bpf4j.vm;

/**
 * A range of native memory a program may access in the checked interpreter, besides its stack
 * frames and its context: a map value, global data, a buffer a helper hands out.
 *
 * @param address first byte
 * @param size length in bytes
 * @param writable whether stores (and atomics) may touch it
 */
public record Region(long address, long size, boolean writable) {
  /** Checks the size. */
  public Region {
    if (size < 0) {
      throw new IllegalArgumentException("region size " + size + " (must be >= 0)");
    }
  }

  /** True when {@code [addr, addr + len)} lies inside this region. */
  public boolean contains(long addr, long len) {
    return contains(address, size, addr, len);
  }

  /** True when {@code [addr, addr + len)} lies inside {@code [start, start + size)}. */
  static boolean contains(long start, long size, long addr, long len) {
    long rel = addr - start;
    // unsigned: rel >= 0 and rel + len <= size, without overflow
    return Long.compareUnsigned(rel, size) <= 0 && Long.compareUnsigned(len, size - rel) <= 0;
  }
}
