package io.bpf4j.bench;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Native memory below 2 GB ({@code mmap} with {@code MAP_32BIT}, through FFM), so that an
 * XDP context ({@code struct xdp_md}, whose {@code data} and {@code data_end} are 32-bit
 * fields) can hold real packet addresses: the same XDP object then runs unmodified on bpf4j's
 * JIT, where {@code (void *)(long)ctx->data} is a plain 32-bit load.
 */
final class LowMemory {
  private LowMemory() {}

  private static final int PROT_READ_WRITE = 0x3;
  private static final int MAP_PRIVATE_ANONYMOUS_32BIT = 0x02 | 0x20 | 0x40;

  private static final MethodHandle MMAP = Linker.nativeLinker().downcallHandle(
      Linker.nativeLinker().defaultLookup().find("mmap").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));

  /** Linux 4.17+: map at the hint or fail, never over an existing mapping. */
  private static final int MAP_PRIVATE_ANONYMOUS_FIXED_NOREPLACE = 0x02 | 0x20 | 0x100000;

  /**
   * {@code size} bytes below 4 GB, zeroed, never freed (benchmarks allocate a page or two):
   * {@code MAP_32BIT} (the first 2 GB), or when other mappings of the JVM fill that window,
   * the first free hint between 2 and 4 GB.
   */
  static MemorySegment allocate(long size) {
    try {
      MemorySegment m = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size,
          PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS_32BIT, -1, 0L);
      for (long hint = 0x8000_0000L; !low(m, size) && hint + size <= 0xffff_0000L;
          hint += 0x0100_0000L) {
        m = (MemorySegment) MMAP.invokeExact(MemorySegment.ofAddress(hint), size,
            PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS_FIXED_NOREPLACE, -1, 0L);
      }
      if (!low(m, size)) {
        throw new IllegalStateException("mmap below 4 GB failed: " + m.address());
      }
      return m.reinterpret(size);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean low(MemorySegment m, long size) {
    return m.address() != -1L && m.address() + size <= (1L << 32);
  }
}
