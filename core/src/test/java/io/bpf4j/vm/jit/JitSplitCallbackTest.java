package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.helpers.StandardHelpers;
import io.bpf4j.isa.Insn;
import io.bpf4j.vm.CallbackEnginesTestAccess;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Callbacks when the JIT splits functions into regions: the caller, the callback and the
 * nested callback all pass their registers through the thread's transfer area, which a
 * callback uses while its caller is in the middle of a region.
 */
class JitSplitCallbackTest {
  @Test
  void nestedCallbacksInSplitFunctions() {
    List<Insn> p = CallbackEnginesTestAccess.nested();
    JitProgram whole = JitCompiler.compile(p, StandardHelpers.table());
    // every function split into regions of a few instructions
    JitProgram split = JitCompiler.compile(p, StandardHelpers.table(), 0, 40, 40_000);
    assertEquals(0, whole.regionCount());
    assertTrue(split.regionCount() > 6, "regions: " + split.regionCount());
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ctx = a.allocate(8, 8);
      assertEquals(4 * 1000 + 12, whole.run(ctx.address(), 8));
      assertEquals(4 * 1000 + 12, split.run(ctx.address(), 8));
    }
  }
}
