package io.bpf4j.helpers;

import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** Calling helpers by id the way an engine does, on native test memory. */
final class HelperTesting {
  private HelperTesting() {}

  static final Arena ARENA = Arena.ofAuto();

  static long call(HelperTable t, RunState s, int id, long... args) {
    long[] a = java.util.Arrays.copyOf(args, 5);
    return t.get(id).call(s, a[0], a[1], a[2], a[3], a[4]);
  }

  static MemorySegment mem(long n) {
    return ARENA.allocate(Math.max(1, n), 8);
  }

  static MemorySegment cstr(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    MemorySegment m = mem(b.length + 1);
    MemorySegment.copy(b, 0, m, Memory.U8, 0, b.length);
    m.set(Memory.U8, b.length, (byte) 0);
    return m;
  }

  static String readCstr(MemorySegment m) {
    return m.getString(0, StandardCharsets.ISO_8859_1);
  }

  /** A run state whose context is {@code ctx}. */
  static RunState state(MemorySegment ctx) {
    RunState s = new RunState();
    s.reset(ctx.address(), ctx.byteSize());
    return s;
  }
}
