package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Small segment builders for map tests. */
final class Segs {
  private Segs() {}

  static final Arena ARENA = Arena.ofAuto();

  static MemorySegment u32(int v) {
    MemorySegment s = ARENA.allocate(4, 8);
    s.set(Memory.U32, 0, v);
    return s;
  }

  static MemorySegment u64(long v) {
    MemorySegment s = ARENA.allocate(8, 8);
    s.set(Memory.U64, 0, v);
    return s;
  }

  static MemorySegment bytes(int... b) {
    MemorySegment s = ARENA.allocate(Math.max(1, b.length), 8).asSlice(0, b.length);
    for (int i = 0; i < b.length; i++) {
      s.set(Memory.U8, i, (byte) b[i]);
    }
    return s;
  }

  static MemorySegment zeros(long n) {
    return ARENA.allocate(Math.max(1, n), 8).asSlice(0, n);
  }

  static long getU64(MemorySegment s) {
    return s.get(Memory.U64, 0);
  }

  static int getU32(MemorySegment s) {
    return s.get(Memory.U32, 0);
  }

  /** The errno of {@code r}, or 0 when it does not throw. */
  static int errno(Runnable r) {
    try {
      r.run();
      return 0;
    } catch (BpfMapException e) {
      return e.errno();
    }
  }
}
