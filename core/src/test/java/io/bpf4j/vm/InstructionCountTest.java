package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bpf4j.isa.Insn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact instruction counts, derived by hand, for what moves the count other than one slot after
 * another: an {@code lddw} (two slots, one instruction), taken and untaken jumps, local calls and
 * their returns, a failing instruction and a used-up budget, in both modes and with and without
 * superinstructions. The loop counts from the slot rather than per dispatch ({@link Exec}).
 */
class InstructionCountTest {
  private static final List<InterpreterOptions> MODES =
      List.of(InterpreterOptions.fast(), InterpreterOptions.checkedMode());

  private static RunResult run(InterpreterOptions o, Fusion.Level level, byte[] mem, Insn... insns)
      throws Exception {
    return Interpreter.load(List.of(insns), HelperTable.empty(), o, level).execute(mem);
  }

  @Test
  void lddwJumpsAndLocalCalls() throws Exception {
    Insn[] prog = {
      lddw(6, 5), // slots 0-1: one instruction
      mov(0, 0),
      movReg(1, 0), // 3: loop
      callLocal(3), // 4: to 8
      alu64Imm(ADD, 6, -1),
      jneImm(6, 0, -4), // 6: to 3
      exit(),
      movReg(0, 1), // 8: f
      alu64Imm(ADD, 0, 2),
      exit()
    };
    for (InterpreterOptions o : MODES) {
      for (Fusion.Level level : Fusion.Level.values()) {
        RunResult res = run(o, level, new byte[0], prog);
        assertNull(res.error(), o + " " + level);
        assertEquals(10, res.r0(), o + " " + level);
        // 2 before the loop, 5 rounds of mov, call, mov, add, exit, add, jne, the last exit
        assertEquals(2 + 5 * 7 + 1, res.instructions(), o + " " + level);
      }
    }
  }

  @Test
  void failingLoadAfterALoopCountsItself() throws Exception {
    Insn[] prog = {
      mov(2, 3),
      alu64Imm(ADD, 2, -1), // 1: loop
      jneImm(2, 0, -2),
      ldx(W, 0, 2, 0), // a load from address 0
      exit()
    };
    for (Fusion.Level level : Fusion.Level.values()) {
      RunResult res = run(InterpreterOptions.checkedMode(), level, new byte[0], prog);
      assertNotNull(res.error(), "" + level);
      assertEquals(3, res.error().pc(), "" + level);
      assertEquals(1 + 3 * 2 + 1, res.instructions(), "" + level);
    }
  }

  @Test
  void usedUpBudgetCountsTheJumpThatExceedsIt() throws Exception {
    for (Fusion.Level level : Fusion.Level.values()) {
      RunResult res = run(InterpreterOptions.checkedMode().withBudget(1000), level, new byte[0],
          mov(0, 0), ja(-1), exit());
      assertNotNull(res.error(), "" + level);
      assertEquals(1, res.error().pc(), "" + level);
      // the mov and 1000 jumps are within the budget; the 1001st instruction is not
      assertEquals(1001, res.instructions(), "" + level);
    }
  }
}
