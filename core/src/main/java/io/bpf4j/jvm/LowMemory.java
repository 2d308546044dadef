package io.bpf4j.jvm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Packet memory below 4 GiB. {@code xdp_md} and {@code __sk_buff} hold {@code data} and
 * {@code data_end} as 32-bit fields; the kernel rewrites a program's loads of them into
 * pointer loads, which the JVM backend does not do yet. So packets live where a 32-bit value
 * is their address: {@code mmap(MAP_32BIT)} (x86-64 Linux).
 */
final class LowMemory {
  private LowMemory() {}

  private static final int PROT_READ_WRITE = 0x3;
  private static final int MAP_PRIVATE_ANON_32BIT = 0x02 | 0x20 | 0x40;
  private static final MethodHandle MMAP;

  static {
    Linker l = Linker.nativeLinker();
    MMAP = l.downcallHandle(l.defaultLookup().find("mmap").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
  }

  /** {@code size} bytes at an address below 4 GiB, zeroed; never freed (one per program). */
  static MemorySegment allocate(long size) throws JvmLoadException {
    if (!System.getProperty("os.arch").equals("amd64") || !System.getProperty("os.name").equals("Linux")) {
      throw new JvmLoadException("packet programs need memory below 4 GiB (mmap MAP_32BIT), only on x86-64 Linux");
    }
    try {
      MemorySegment p = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size, PROT_READ_WRITE,
          MAP_PRIVATE_ANON_32BIT, -1, 0L);
      if (p.address() == -1L || p.address() == 0 || p.address() + size > 0xffffffffL) {
        throw new JvmLoadException("mmap(MAP_32BIT) of " + size + " bytes failed");
      }
      return p.reinterpret(size);
    } catch (JvmLoadException e) {
      throw e;
    } catch (Throwable t) {
      throw new JvmLoadException("mmap(MAP_32BIT) failed: " + t);
    }
  }
}
