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

  private static final java.lang.invoke.MethodHandle MMAP = java.lang.foreign.Linker.nativeLinker()
      .downcallHandle(java.lang.foreign.Linker.nativeLinker().defaultLookup().find("mmap").orElseThrow(),
          java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.ADDRESS,
              java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_LONG,
              java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.JAVA_INT,
              java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.JAVA_LONG));

  /**
   * {@code n} zeroed bytes below 4 GiB ({@code mmap} with {@code MAP_32BIT}, never unmapped),
   * as the JVM backend keeps packets: the contexts hold their addresses in 32 bits.
   */
  static MemorySegment low(long n) {
    try {
      MemorySegment m = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, n, 3, 0x62, -1, 0L);
      if (m.address() == -1 || m.address() + n > 1L << 32) {
        throw new IllegalStateException("no memory below 4 GiB");
      }
      return m.reinterpret(n);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
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
