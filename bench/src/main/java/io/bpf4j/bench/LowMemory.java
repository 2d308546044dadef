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
  private static final int MAP_PRIVATE_ANONYMOUS_FIXED_NOREPLACE = 0x02 | 0x20 | 0x100000;

  private static final MethodHandle MMAP = Linker.nativeLinker().downcallHandle(
      Linker.nativeLinker().defaultLookup().find("mmap").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));

  /** {@code size} bytes below 2 GB (else below 4 GB), zeroed, never freed (benchmarks allocate a page or two). */
  static MemorySegment allocate(long size) {
    try {
      MemorySegment m = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size,
          PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS_32BIT, -1, 0L);
      // MAP_32BIT only searches the first 2 GB, where the JVM may have put its heap: then try
      // fixed addresses between 2 and 4 GB that nothing occupies (MAP_FIXED_NOREPLACE)
      for (long hint = 0x8000_0000L; m.address() == -1L && hint < 0x1_0000_0000L;
          hint += 0x1000_0000L) {
        m = (MemorySegment) MMAP.invokeExact(MemorySegment.ofAddress(hint), size,
            PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS_FIXED_NOREPLACE, -1, 0L);
      }
      if (m.address() == -1L || m.address() >= (1L << 32)) {
        throw new IllegalStateException("mmap(MAP_32BIT) failed: " + m.address());
      }
      return m.reinterpret(size);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
