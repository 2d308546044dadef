package io.bpf4j.vm;

/**
 * The arithmetic of RFC 9669 that is more than one Java operator: division and modulo (by zero:
 * quotient 0, remainder the dividend; signed overflow wraps) and the byte-order conversions.
 * 32-bit results are zero-extended.
 */
final class Alu {
  private Alu() {}

  private static final long LOW32 = 0xffffffffL;

  static long udiv64(long a, long b) {
    return b == 0 ? 0 : Long.divideUnsigned(a, b);
  }

  static long udiv32(long a, long b) {
    int y = (int) b;
    return y == 0 ? 0 : Integer.divideUnsigned((int) a, y) & LOW32;
  }

  static long umod64(long a, long b) {
    return b == 0 ? a : Long.remainderUnsigned(a, b);
  }

  static long umod32(long a, long b) {
    int y = (int) b;
    return y == 0 ? a & LOW32 : Integer.remainderUnsigned((int) a, y) & LOW32;
  }

  /** Signed 64-bit division; {@code MIN / -1} is {@code MIN}, as in Java. */
  static long sdiv64(long a, long b) {
    return b == 0 ? 0 : a / b;
  }

  static long sdiv32(long a, long b) {
    int y = (int) b;
    return y == 0 ? 0 : ((int) a / y) & LOW32;
  }

  /** Signed 64-bit remainder, truncated (its sign is the dividend's); {@code MIN % -1} is 0. */
  static long smod64(long a, long b) {
    return b == 0 ? a : a % b;
  }

  static long smod32(long a, long b) {
    int y = (int) b;
    return y == 0 ? a & LOW32 : ((int) a % y) & LOW32;
  }

  /** {@code le16/le32/le64}: to little endian, which the host is: only truncates. */
  static long toLe(long v, int width) {
    return switch (width) {
      case 16 -> v & 0xffffL;
      case 32 -> v & LOW32;
      default -> v;
    };
  }

  /** {@code be16/be32/be64} and {@code bswap16/32/64}: reverse the low bytes, zero the rest. */
  static long swap(long v, int width) {
    return switch (width) {
      case 16 -> Short.reverseBytes((short) v) & 0xffffL;
      case 32 -> Integer.reverseBytes((int) v) & LOW32;
      default -> Long.reverseBytes(v);
    };
  }
}
