package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;

/** Hashing, comparing and copying bytes at native addresses. */
final class Keys {
  private Keys() {}

  private static final MemorySegment ALL = Memory.ALL;

  /** A 32-bit hash of {@code len} bytes at {@code addr}. */
  static int hash(long addr, int len) {
    long h = 0x9E3779B97F4A7C15L ^ len;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      h = (h ^ ALL.get(Memory.U64, addr + i)) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 29;
    }
    if (i + 4 <= len) {
      h = (h ^ (ALL.get(Memory.U32, addr + i) & 0xffffffffL)) * 0x94D049BB133111EBL;
      i += 4;
    }
    for (; i < len; i++) {
      h = (h ^ (ALL.get(Memory.U8, addr + i) & 0xff)) * 0x94D049BB133111EBL;
    }
    h ^= h >>> 31;
    h *= 0xD6E8FEB86659FD93L;
    h ^= h >>> 32;
    return (int) h;
  }

  /** True when the {@code len} bytes at {@code a} and {@code b} are equal. */
  static boolean equal(long a, long b, int len) {
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      if (ALL.get(Memory.U64, a + i) != ALL.get(Memory.U64, b + i)) {
        return false;
      }
    }
    for (; i < len; i++) {
      if (ALL.get(Memory.U8, a + i) != ALL.get(Memory.U8, b + i)) {
        return false;
      }
    }
    return true;
  }

  /** Copies {@code len} bytes from {@code src} to {@code dst}. */
  static void copy(long src, long dst, long len) {
    if (len > 0) {
      MemorySegment.copy(ALL, src, ALL, dst, len);
    }
  }

  /** Zeroes {@code len} bytes at {@code dst}. */
  static void zero(long dst, long len) {
    if (len > 0) {
      ALL.asSlice(dst, len).fill((byte) 0);
    }
  }

  /** {@code n} rounded up to a multiple of 8. */
  static int round8(int n) {
    return (n + 7) & ~7;
  }

  /**
   * {@code get_next_key} of an array kind (u32 index keys 0..max-1): the index after the one
   * at {@code key} into {@code next}, 0 for a null or out-of-range key; ENOENT after the last.
   */
  static int nextIndex(long key, long next, int max) {
    long i = key == 0 ? -1 : Memory.ALL.get(Memory.U32, key) & 0xffffffffL;
    if (i >= max) {
      i = -1;
    }
    if (i == max - 1) {
      return -Errno.ENOENT;
    }
    Memory.ALL.set(Memory.U32, next, (int) (i + 1));
    return 0;
  }
}
