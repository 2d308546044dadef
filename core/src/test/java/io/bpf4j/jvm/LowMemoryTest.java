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

  /**
   * When the window is full, the buffers of unreachable programs that no collection has found
   * yet are reclaimed: a collection is asked for and the pool awaited (a full suite of packet
   * programs ran out this way on a large heap: BenchProgramsWithFactsTest, 2026-12-07).
   */
  @Test
  void aFullWindowWaitsForTheBuffersOfUnreachableOwners() throws Exception {
    java.util.Queue<MemorySegment> pool = new java.util.concurrent.ConcurrentLinkedQueue<>();
    MemorySegment buffer = java.lang.foreign.Arena.ofAuto().allocate(64);
    java.lang.ref.Cleaner cleaner = java.lang.ref.Cleaner.create();
    Object owner = new Object();
    cleaner.register(owner, () -> pool.add(buffer));
    owner = null;
    assertEquals(buffer, LowMemory.reclaim(pool, new JvmLoadException("full")));
  }

  @Test
  void aFullWindowWithNothingToReclaimStillFails() {
    JvmLoadException full = new JvmLoadException("no free memory below 4 GiB");
    JvmLoadException e = org.junit.jupiter.api.Assertions.assertThrows(JvmLoadException.class,
        () -> LowMemory.reclaim(new java.util.concurrent.ConcurrentLinkedQueue<>(), full));
    assertEquals(full, e);
  }
}
