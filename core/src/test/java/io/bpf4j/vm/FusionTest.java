package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Superinstructions ({@link Fusion}) behave exactly as the pairs they replace. */
class FusionTest {
  private static final List<InterpreterOptions> MODES =
      List.of(InterpreterOptions.fast(), InterpreterOptions.checkedMode());

  private static Insn jmp(int op, int dst, int src, long imm, int off) {
    return Insn.of(JMP | op, dst, src, off, imm);
  }

  @Test
  void loopBackEdgesCountBothInstructions() throws Exception {
    // r1 = 0; r2 = 10; loop: r0 += 3; r1 += 1; if r1 <op> 10 goto loop; exit
    for (Insn back : List.of(jmp(JLT | X, 1, 2, 0, -3), jmp(JLT | K, 1, 0, 10, -3),
        jmp(JNE | X, 1, 2, 0, -3), jmp(JNE | K, 1, 0, 10, -3))) {
      for (InterpreterOptions o : MODES) {
        Interpreter vm = load(o, mov(0, 0), mov(1, 0), mov(2, 10),
            alu64Imm(ADD, 0, 3), alu64Imm(ADD, 1, 1), back, exit());
        RunResult res = vm.execute(new byte[0]);
        assertEquals(30, res.r0(), back.toString());
        assertEquals(3 + 3 * 10 + 1, res.instructions(), back.toString());
      }
    }
  }

  @Test
  void jumpToTheSecondHalfRunsItAlone() throws Exception {
    // ja skips the add: the jlt runs alone with r1 = 5 < 6, taken to exit with r0 = 7
    for (InterpreterOptions o : MODES) {
      Interpreter vm = load(o, mov(0, 7), mov(1, 5), mov(2, 6), ja(1),
          alu64Imm(ADD, 1, 100), jmp(JLT | X, 1, 2, 0, 1), mov(0, 9), exit());
      RunResult res = vm.execute(new byte[0]);
      assertEquals(7, res.r0());
      assertEquals(6, res.instructions());
    }
  }

  @Test
  void budgetRunsOutOnTheJumpOfAPair() throws Exception {
    Interpreter vm = load(InterpreterOptions.checkedMode().withBudget(100),
        mov(0, 0), mov(1, 0), alu64Imm(ADD, 1, 1), jmp(JNE | K, 1, 0, -1, -2), exit());
    RunResult res = vm.execute(new byte[0]);
    assertNotNull(res.error());
    assertEquals(3, res.error().pc());
    assertEquals(102, res.instructions());
  }

  @Test
  void loadThenAddOfEverySize() throws Exception {
    byte[] mem = {(byte) 0x81, 2, 3, 4, 5, 6, 7, (byte) 0x88};
    long[] expect = {0x81, 0x0281, 0x04030281L, 0x8807060504030281L};
    int[] sizes = {B, H, W, DW};
    for (int i = 0; i < sizes.length; i++) {
      for (InterpreterOptions o : MODES) {
        Interpreter vm = load(o, mov(0, 1), ldx(sizes[i], 5, 1, 0), alu64(ADD, 0, 5),
            alu64(SUB, 0, 5), alu64(ADD, 0, 5), exit());
        RunResult res = vm.execute(mem.clone());
        assertEquals(1 + expect[i], res.r0(), "size " + sizes[i]);
        assertEquals(6, res.instructions());
      }
    }
  }

  @Test
  void aFailingLoadOfAPairNamesTheLoad() throws Exception {
    Interpreter vm = load(InterpreterOptions.checkedMode(),
        mov(0, 0), ldx(W, 5, 1, 64), alu64(ADD, 0, 5), exit());
    RunResult res = vm.execute(new byte[8]);
    assertNotNull(res.error());
    assertEquals(1, res.error().pc());
    assertTrue(res.error().getMessage().contains("load of 4 bytes"), res.error().getMessage());
    assertEquals(2, res.instructions());
  }

  private static final long BIG = 0xfedc_ba98_8765_4321L;

  @Test
  void zeroExtensionAndMoveThenZeroExtension() throws Exception {
    for (InterpreterOptions o : MODES) {
      // r2 = r1 <<= 32 >>= 32 (a triple), r1 <<= 32 >>= 32 (a pair), r0 = r1 ^ r2
      Interpreter vm = load(o, lddw(1, BIG), movReg(2, 1), alu64Imm(LSH, 2, 32),
          alu64Imm(RSH, 2, 32), alu64Imm(LSH, 1, 32), alu64Imm(RSH, 1, 32),
          alu64Imm(ADD, 1, 1), movReg(0, 1), alu64(XOR, 0, 2), exit());
      RunResult res = vm.execute(new byte[0]);
      assertEquals(0x87654322L ^ 0x87654321L, res.r0());
      assertEquals(10, res.instructions());
    }
  }

  @Test
  void shiftsThatAreNoZeroExtensionStayApart() throws Exception {
    for (InterpreterOptions o : MODES) {
      // <<= 32 then >>= 31, and <<= 32 on r2 then >>= 32 on r1
      Interpreter vm = load(o, lddw(1, BIG), movReg(2, 1), alu64Imm(LSH, 2, 32),
          alu64Imm(RSH, 2, 31), alu64Imm(LSH, 2, 32), alu64Imm(RSH, 1, 32),
          movReg(0, 1), alu64(ADD, 0, 2), exit());
      long r2 = ((BIG << 32) >>> 31) << 32;
      assertEquals((BIG >>> 32) + r2, vm.execute(new byte[0]).r0());
    }
  }

  @Test
  void jumpIntoAMoveThenZeroExtensionRunsTheRestAlone() throws Exception {
    for (InterpreterOptions o : MODES) {
      // ja skips the move: r2 keeps BIG and is only zero-extended
      Interpreter vm = load(o, lddw(2, BIG), mov(1, 7), ja(1), movReg(2, 1),
          alu64Imm(LSH, 2, 32), alu64Imm(RSH, 2, 32), movReg(0, 2), exit());
      RunResult res = vm.execute(new byte[0]);
      assertEquals(BIG & 0xffffffffL, res.r0());
      assertEquals(7, res.instructions());
    }
  }

  @Test
  void moveThenAdd() throws Exception {
    for (InterpreterOptions o : MODES) {
      // r3 = r1 + 5; r4 = r1 + r2; r5 = r1; r5 += r5 (not fused: the add reads its own dst)
      Interpreter vm = load(o, mov(1, 100), mov(2, 20), movReg(3, 1), alu64Imm(ADD, 3, 5),
          movReg(4, 1), alu64(ADD, 4, 2), movReg(5, 1), alu64(ADD, 5, 5),
          movReg(0, 3), alu64(ADD, 0, 4), alu64(ADD, 0, 5), alu64(ADD, 0, 1), exit());
      RunResult res = vm.execute(new byte[0]);
      assertEquals(105 + 120 + 200 + 100, res.r0());
      assertEquals(13, res.instructions());
    }
  }

  @Test
  void byteLoadThenXorAndOr() throws Exception {
    byte[] mem = {(byte) 0x81, 0x42};
    for (InterpreterOptions o : MODES) {
      Interpreter vm = load(o, mov(0, 0x300), ldx(B, 5, 1, 0), alu64(XOR, 0, 5),
          ldx(B, 5, 1, 1), alu64(OR, 0, 5), alu64(ADD, 0, 5), exit());
      RunResult res = vm.execute(mem.clone());
      assertEquals(((0x300 ^ 0x81) | 0x42) + 0x42, res.r0());
      assertEquals(7, res.instructions());
    }
  }

  @Test
  void aFailingByteLoadOfAXorPairNamesTheLoad() throws Exception {
    Interpreter vm = load(InterpreterOptions.checkedMode(),
        mov(0, 0), ldx(B, 5, 1, 64), alu64(XOR, 0, 5), exit());
    RunResult res = vm.execute(new byte[8]);
    assertNotNull(res.error());
    assertEquals(1, res.error().pc());
    assertTrue(res.error().getMessage().contains("load of 1 bytes")
        || res.error().getMessage().contains("load of 1 byte"), res.error().getMessage());
    assertEquals(2, res.instructions());
  }
}
