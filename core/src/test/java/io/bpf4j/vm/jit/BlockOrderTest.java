package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.P.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BlockOrder}: reverse postorder, fall-through kept, every instruction once. */
class BlockOrderTest {
  /** clang's layout: the loop's test jumps over the body, which comes after the exit. */
  private static final List<Insn> LOOP = List.of(
      mov(0, 0), // 0
      ja(2), // 1: to the test
      alu64(ADD, 0, 3), // 2: body
      alu64(SUB, 1, 1), // 3: falls into the test
      jmp(JNE, 1, 0, -3), // 4: test: back to the body
      exit()); // 5

  @Test
  void loopBodyComesAfterItsTestAndJumpsBack() {
    Layout layout = new Layout(LOOP, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
    assertArrayEquals(new int[] {0, 1, 4, 5, 2, 3}, BlockOrder.of(layout, 0, LOOP.size()));
    // 3 falls through to 4, which is emitted before it: a goto (the loop's back edge)
    JitProgram p = JitCompiler.compile(LOOP, HelperTable.empty());
    assertEquals(15, p.run(5, 0));
    assertEquals(3, p.run(1, 0));
  }

  @Test
  void unreachableCodeComesLastInProgramOrder() {
    List<Insn> prog = List.of(mov(0, 1), ja(2), mov(0, 2), mov(0, 3), exit());
    Layout layout = new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
    assertArrayEquals(new int[] {0, 1, 4, 2, 3}, BlockOrder.of(layout, 0, prog.size()));
    assertEquals(1, JitCompiler.compile(prog, HelperTable.empty()).run(0, 0));
  }

  @Test
  void aFunctionWhoseLastInstructionFallsOffStillThrows() {
    // 2 falls off the end; it is reached through the jump and emitted before 1
    List<Insn> prog = List.of(jmp(JEQ, 1, 0, 1), exit(), mov(0, 7));
    JitProgram p = JitCompiler.compile(prog, HelperTable.empty());
    assertEquals(0, p.run(1, 0));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
        io.bpf4j.vm.ExecutionException.class, () -> p.run(0, 0)).getMessage().contains("falls"));
  }
}
