package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Packet memory stays below 4 GiB even when MAP_32BIT's window (the first 2 GiB) is full. */
class LowMemoryTest {
  private static final Linker L = Linker.nativeLinker();
  private static final MethodHandle MMAP = L.downcallHandle(L.defaultLookup().find("mmap").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
          ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
  private static final MethodHandle MUNMAP = L.downcallHandle(L.defaultLookup().find("munmap").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

  @Test
  void fallsBackAboveTwoGibWhenMap32BitIsFull() throws Throwable {
    Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64")
        && System.getProperty("os.name").equals("Linux"), "MAP_32BIT exists on x86-64 Linux only");
    // fill the MAP_32BIT window with reserved, never committed mappings (PROT_NONE, NORESERVE)
    List<MemorySegment> filler = new ArrayList<>();
    long chunk = 64L << 20;
    int flags = 0x02 | 0x20 | 0x40 | 0x4000; // private, anonymous, MAP_32BIT, MAP_NORESERVE
    try {
      while (chunk >= 4096) {
        MemorySegment p = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, chunk, 0, flags, -1, 0L);
        if (p.address() == -1L) {
          chunk /= 2;
        } else {
          filler.add(p.reinterpret(chunk));
        }
      }
      MemorySegment packet = LowMemory.allocate(65792);
      assertTrue(packet.address() + packet.byteSize() <= 0xffffffffL,
          "packet at 0x" + Long.toHexString(packet.address()));
      packet.set(ValueLayout.JAVA_BYTE, 0, (byte) 1); // it is usable memory
    } finally {
      for (MemorySegment f : filler) {
        int rc = (int) MUNMAP.invokeExact(f, f.byteSize());
        assertTrue(rc == 0);
      }
    }
  }
}
