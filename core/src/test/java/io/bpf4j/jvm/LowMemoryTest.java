package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Packet buffers below 4 GiB come back when their program is gone: without that, every
 * loaded packet program kept 64 KiB of the 1 GiB MAP_32BIT window for good, and a process
 * that reloads programs (a test suite, an application with hot-loaded extensions) ran out
 * ("no free memory below 4 GiB for a packet").
 */
class LowMemoryTest {
  static final long SIZE = 12_288;

  @Test
  void aDroppedOwnersBufferIsReusedZeroed() throws Exception {
    Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch"))
        && "Linux".equals(System.getProperty("os.name")), "MAP_32BIT is x86-64 Linux");
    Object owner = new Object();
    MemorySegment a = LowMemory.take(owner, SIZE);
    long address = a.address();
    assertTrue(address + SIZE <= 0xffffffffL, "below 4 GiB");
    a.set(ValueLayout.JAVA_LONG, 0, 42);
    int before = LowMemory.pooled(SIZE);
    owner = null;
    a = null;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (LowMemory.pooled(SIZE) == before && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(before + 1, LowMemory.pooled(SIZE), "back in the pool");
    MemorySegment b = LowMemory.take(new Object(), SIZE);
    assertEquals(before, LowMemory.pooled(SIZE));
    assertEquals(0, b.get(ValueLayout.JAVA_LONG, 0), "zeroed");
    if (before == 0) {
      assertEquals(address, b.address(), "the same buffer");
    }
  }
}
