package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Assembler;
import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The int-counter experiment ({@code -Dbpf4j.jit.intCounters=true}): where it applies, and results. */
class IntCountersTest {
  private static JitProgram compile(List<Insn> insns) {
    System.setProperty("bpf4j.jit.intCounters", "true");
    try {
      return JitCompiler.compile(insns, HelperTable.empty(), JitRangeFactsTest.facts(insns));
    } finally {
      System.clearProperty("bpf4j.jit.intCounters");
    }
  }

  @Test
  void theSortShapedLoopGetsAnIntCounterAndRunsTheSame() throws Exception {
    List<Insn> insns = Assembler.assemble(JitRangeFactsTest.LOOP);
    JitProgram p = compile(insns);
    String d = p.dump();
    assertTrue(d.contains("if_icmpgt"), d);
    assertTrue(d.contains("iadd"), d);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ctx = arena.allocate(256, 8);
      for (int len : new int[] {0, 1, 2, 31, 32, 33, 63, -1}) {
        ctx.set(ValueLayout.JAVA_INT, 0, len);
        int n = len & 31;
        long want = n <= 1 ? 0 : (long) (n - 1) * n / 2;
        assertEquals(want, p.run(ctx.address(), 256), "len " + len);
      }
    }
  }

  @Test
  void aCounterThatCrosses2To31GetsNoIntCounter() throws Exception {
    List<Insn> insns = Assembler.assemble("""
        mov %r0, 0
        ldxw %r4, [%r1+0]
        and %r4, 1
        add %r4, 0x7ffffffe
        lddw %r3, 0x80000002
        loop:
        add %r0, 1
        add %r4, 1
        jgt %r3, %r4, loop
        exit
        """);
    JitProgram p = compile(insns);
    assertFalse(p.dump().contains("iadd"), p.dump());
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ctx = arena.allocate(256, 8);
      ctx.set(ValueLayout.JAVA_INT, 0, 0);
      assertEquals(4, p.run(ctx.address(), 256));
      ctx.set(ValueLayout.JAVA_INT, 0, 1);
      assertEquals(3, p.run(ctx.address(), 256));
    }
  }
}
