package io.bpf4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Probe loads read inside registered blocks and 0 anywhere else, never faulting. */
class ProbeLoadsTest {
  @Test
  void readsInsideABlockAndZeroElsewhere() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(16, 8);
      s.set(Memory.U64, 0, 0x8877665544332211L);
      s.set(Memory.U64, 8, -2L);
      long b = s.address();
      ProbeLoads.register(s);
      assertEquals(0x8877665544332211L, ProbeLoads.load(b, 8));
      assertEquals(0x44332211L, ProbeLoads.load(b, 4));
      assertEquals(0x2211L, ProbeLoads.load(b, 2));
      assertEquals(0x33L, ProbeLoads.load(b + 2, 1));
      assertEquals(0xfffffffeL, ProbeLoads.load(b + 8, 4));
      assertEquals(-2L, ProbeLoads.loadSigned(b + 8, 4));
      assertEquals(-2L, ProbeLoads.loadSigned(b + 8, 1));
      assertTrue(ProbeLoads.readable(b + 8, 8));
      assertFalse(ProbeLoads.readable(b + 9, 8), "crosses the block's end");
      assertEquals(0, ProbeLoads.load(b + 9, 8), "crosses the block's end");
      assertEquals(0, ProbeLoads.load(b + 16, 1), "past the block");
      assertEquals(0, ProbeLoads.load(0, 8), "NULL");
      assertEquals(0, ProbeLoads.load(16, 4), "NULL + a member's offset");
      assertEquals(0, ProbeLoads.load(-8, 8), "the top of the address space");
    }
  }
}
