package io.bpf4j.vm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The whole native address space as one memory segment, the way programs see memory
 * (DESIGN.md, memory model): a pointer in a register is a real 64-bit address, and a load is
 * one unchecked access through {@link #ALL}. Only verified programs, or the checked
 * interpreter that tests every access against its regions first, may use it.
 */
public final class Memory {
  private Memory() {}

  /** Every byte of the address space. */
  public static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  /** Unaligned little-endian byte. */
  public static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
  /** Unaligned little-endian 16-bit value. */
  public static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Unaligned little-endian 32-bit value. */
  public static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /** Unaligned little-endian 64-bit value. */
  public static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Zero-extended load of 1, 2, 4 or 8 bytes at {@code addr}. */
  public static long load(long addr, int size) {
    return switch (size) {
      case 1 -> ALL.get(U8, addr) & 0xffL;
      case 2 -> ALL.get(U16, addr) & 0xffffL;
      case 4 -> ALL.get(U32, addr) & 0xffffffffL;
      default -> ALL.get(U64, addr);
    };
  }

  /** Sign-extended load of 1, 2 or 4 bytes at {@code addr}. */
  public static long loadSigned(long addr, int size) {
    return switch (size) {
      case 1 -> ALL.get(U8, addr);
      case 2 -> ALL.get(U16, addr);
      case 4 -> ALL.get(U32, addr);
      default -> ALL.get(U64, addr);
    };
  }

  /** Store of the low 1, 2, 4 or 8 bytes of {@code value} at {@code addr}. */
  public static void store(long addr, int size, long value) {
    switch (size) {
      case 1 -> ALL.set(U8, addr, (byte) value);
      case 2 -> ALL.set(U16, addr, (short) value);
      case 4 -> ALL.set(U32, addr, (int) value);
      default -> ALL.set(U64, addr, value);
    }
  }
}
