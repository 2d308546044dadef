package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The superinstructions added for clang's copy-then-change idioms and the FNV-1a step
 * ({@link Fusion}): each is chosen where it should be, computes what the instructions compute
 * one by one (the same program loaded without fusion), and a jump into its middle runs the rest
 * alone.
 */
class FusionGroupsTest {
  private static final List<InterpreterOptions> MODES =
      List.of(InterpreterOptions.fast(), InterpreterOptions.checkedMode());
  private static final long BIG = 0xfedc_ba98_8765_4321L;
  private static final byte[] MEM = {(byte) 0x81, 0x42, (byte) 0xff, 0x00, 0x7f, 0x10, 0x20, 0x30};

  private static Insn alu(int op, int dst, long imm) {
    return alu64Imm(op, dst, imm);
  }

  /** The internal opcode at {@code slot} after loading {@code insns}. */
  private static int decodedOp(int slot, Insn... insns) throws Exception {
    return (int) DecodedProgram.decode(List.of(insns), HelperTable.empty(), Fusion.Level.ALL)
        .prog[slot] & 0xff;
  }

  /** Runs {@code insns} fused and unfused in both modes: same r0, count and error slot. */
  private static RunResult sameAsUnfused(byte[] mem, Insn... insns) throws Exception {
    RunResult last = null;
    for (InterpreterOptions o : MODES) {
      RunResult fused = Interpreter.load(List.of(insns), HelperTable.empty(), o, Fusion.Level.ALL)
          .execute(mem.clone());
      RunResult plain = Interpreter.load(List.of(insns), HelperTable.empty(), o,
          Fusion.Level.NONE).execute(mem.clone());
      assertEquals(plain.r0(), fused.r0(), "r0, " + o);
      assertEquals(plain.instructions(), fused.instructions(), "instructions, " + o);
      assertEquals(plain.error() == null ? -1 : plain.error().pc(),
          fused.error() == null ? -1 : fused.error().pc(), "error slot, " + o);
      last = fused;
    }
    return last;
  }

  @Test
  void copyThenChangeGroupsAreChosen() throws Exception {
    assertEquals(Fusion.MOVX_XORX, decodedOp(1, mov(2, 3), movReg(0, 1), alu64(XOR, 0, 2), exit()));
    assertEquals(Fusion.MOVX_RSHK, decodedOp(0, movReg(0, 1), alu(RSH, 0, 7), exit()));
    assertEquals(Fusion.MOVX_LSHK, decodedOp(0, movReg(0, 1), alu(LSH, 0, 7), exit()));
    assertEquals(Fusion.MOVX_ANDK, decodedOp(0, movReg(0, 1), alu(AND, 0, -16), exit()));
    // rX = rY; rX ^= rX reads the copy: not fused
    assertEquals(MOV | X | ALU64, decodedOp(0, movReg(0, 1), alu64(XOR, 0, 0), exit()));
    // the FNV-1a step
    assertEquals(Fusion.LDXB_XORX_MULK,
        decodedOp(0, ldx(B, 5, 1, 0), alu64(XOR, 0, 5), alu(MUL, 0, 0x1000193), exit()));
    // a multiply of another register, or a 32-bit one, leaves the load + xor pair
    assertEquals(Fusion.LDXB_XORX,
        decodedOp(0, ldx(B, 5, 1, 0), alu64(XOR, 0, 5), alu(MUL, 2, 3), exit()));
    assertEquals(Fusion.LDXB_XORX, decodedOp(0, ldx(B, 5, 1, 0), alu64(XOR, 0, 5),
        Insn.of(ALU | MUL | K, 0, 0, 0, 3), exit()));
  }

  @Test
  void copyThenChange() throws Exception {
    RunResult res = sameAsUnfused(MEM, lddw(1, BIG), mov(2, 0x5a5a), movReg(3, 1),
        alu64(XOR, 3, 2), movReg(4, 1), alu(RSH, 4, 60), movReg(5, 1), alu(LSH, 5, 63),
        movReg(6, 1), alu(AND, 6, -16), movReg(7, 1), alu(RSH, 7, 0),
        movReg(0, 3), alu64(ADD, 0, 4), alu64(ADD, 0, 5), alu64(ADD, 0, 6), alu64(ADD, 0, 7),
        exit());
    assertNull(res.error());
    assertEquals((BIG ^ 0x5a5a) + (BIG >>> 60) + (BIG << 63) + (BIG & -16L) + BIG, res.r0());
    assertEquals(18, res.instructions());
  }

  @Test
  void fnvStepOverBytes() throws Exception {
    // r0 = FNV-1a of the first four bytes of the input (r1)
    long want = 0x811c9dc5L;
    for (int i = 0; i < 4; i++) {
      want = (want ^ (MEM[i] & 0xff)) * 0x1000193;
    }
    List<Insn> p = new ArrayList<>(List.of(lddw(0, 0x811c9dc5L)));
    for (int i = 0; i < 4; i++) {
      p.addAll(List.of(ldx(B, 7, 1, i), alu64(XOR, 0, 7), alu(MUL, 0, 0x1000193)));
    }
    p.add(alu64(ADD, 0, 7)); // the loaded byte stays in r7
    p.add(exit());
    RunResult res = sameAsUnfused(MEM, p.toArray(Insn[]::new));
    assertEquals(want + (MEM[3] & 0xff), res.r0());
    assertEquals(15, res.instructions());
    // a negative multiplier is sign-extended, as in the 64-bit multiply alone
    res = sameAsUnfused(MEM, mov(0, 3), ldx(B, 7, 1, 2), alu64(XOR, 0, 7), alu(MUL, 0, -3),
        exit());
    assertEquals((3 ^ 0xff) * -3L, res.r0());
  }

  @Test
  void jumpsIntoTheMiddleRunTheRestAlone() throws Exception {
    // ja +k skips the first k instructions of the group (1 for a pair, 1 or 2 for the triple)
    Insn[][] groups = {
        {movReg(0, 4), alu64(XOR, 0, 2)},
        {movReg(0, 4), alu(RSH, 0, 4)},
        {movReg(0, 4), alu(LSH, 0, 4)},
        {movReg(0, 4), alu(AND, 0, 0xf0)},
        {ldx(B, 5, 1, 1), alu64(XOR, 0, 5), alu(MUL, 0, 7)},
    };
    for (Insn[] g : groups) {
      for (int skip = 1; skip < g.length; skip++) {
        List<Insn> p = new ArrayList<>(List.of(lddw(4, BIG), mov(2, 0x3c), mov(0, 1000),
            mov(5, 9), ja(skip)));
        p.addAll(List.of(g));
        p.add(alu64(ADD, 0, 5));
        p.add(exit());
        RunResult res = sameAsUnfused(MEM, p.toArray(Insn[]::new));
        assertNull(res.error(), g[0].toString());
        assertEquals(5 + g.length - skip + 2, res.instructions(), g[0] + " skip " + skip);
      }
    }
  }

  @Test
  void twoAddsAndTwoCopies() throws Exception {
    assertEquals(Fusion.ADDK_ADDK, decodedOp(0, alu(ADD, 0, 4), alu(ADD, 2, 1), exit()));
    assertEquals(Fusion.MOVX_MOVX, decodedOp(0, movReg(0, 1), movReg(2, 0), exit()));
    // the second add starts a back edge: that group wins
    assertEquals(ADD | K | ALU64, decodedOp(0, alu(ADD, 0, 4), alu(ADD, 2, 1),
        Insn.of(JMP | JLT | K, 2, 0, 0, 5), exit()));
    // r0 += 4; r2 += -1; r0 += 7 (the same register twice); r3 = r2; r4 = r3; r3 = r0
    RunResult res = sameAsUnfused(MEM, mov(0, 1), mov(2, 10), alu(ADD, 0, 4), alu(ADD, 2, -1),
        alu(ADD, 0, 7), alu(ADD, 0, 100), movReg(3, 2), movReg(4, 3), movReg(3, 0),
        movReg(3, 3), alu64(ADD, 0, 3), alu64(ADD, 0, 4), exit());
    assertEquals(112 + 112 + 9, res.r0());
    assertEquals(13, res.instructions());
    // jumps to the second halves
    res = sameAsUnfused(MEM, mov(0, 1), mov(2, 10), ja(1), alu(ADD, 0, 4), alu(ADD, 2, -1),
        ja(1), movReg(0, 1), movReg(0, 2), exit());
    assertEquals(9, res.r0());
    assertEquals(7, res.instructions());
  }

  @Test
  void aFailingLoadOfTheTripleNamesTheLoad() throws Exception {
    Interpreter vm = load(InterpreterOptions.checkedMode(), mov(0, 0), ldx(B, 5, 1, 64),
        alu64(XOR, 0, 5), alu(MUL, 0, 3), exit());
    RunResult res = vm.execute(new byte[8]);
    assertNotNull(res.error());
    assertEquals(1, res.error().pc());
    assertTrue(res.error().getMessage().contains("load of 1 byte"), res.error().getMessage());
    assertEquals(2, res.instructions());
  }
}
