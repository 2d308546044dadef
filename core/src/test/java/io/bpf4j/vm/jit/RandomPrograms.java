package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.P.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid programs for the JIT's property tests: arithmetic of both widths with every
 * operation, forward jumps, one bounded loop (r9 counts down), loads, stores and atomics on the
 * stack (r10) and on a 64-byte buffer (r1), a helper and a bpf-to-bpf call. r1 and r10 hold
 * addresses and are only used as bases, so the result does not depend on where memory is.
 */
final class RandomPrograms {
  private RandomPrograms() {}

  static final int BUFFER = 64;
  private static final int[] DST = {0, 2, 3, 4, 5, 6, 7, 8};
  private static final int[] SRC = {0, 2, 3, 4, 5, 6, 7, 8, 9};
  private static final int[] ALU_CODES = {
    ADD, SUB, MUL, DIV, OR, AND, LSH, RSH, NEG, MOD, XOR, MOV, ARSH, END
  };
  private static final int[] JUMP_CODES = {
    JEQ, JGT, JGE, JSET, JNE, JSGT, JSGE, JLT, JLE, JSLT, JSLE
  };
  private static final int[] ATOMICS = {
    ADD, ADD | FETCH, OR, OR | FETCH, AND, AND | FETCH, XOR, XOR | FETCH, XCHG, CMPXCHG
  };

  /** Helper 1: a pure function of r2..r5. */
  static HelperTable helpers() {
    return HelperTable.empty().with(1, "mix", 
        (s, r1, r2, r3, r4, r5) -> r2 * 31 + (r3 ^ r4) - r5);
  }

  static List<Insn> generate(long seed) {
    Random rnd = new Random(seed);
    return generate(rnd, 5 + rnd.nextInt(60), 12, true);
  }

  /**
   * A program whose loop body has {@code n} instructions and runs 1..maxLoops times; with
   * {@code longJumps}, one jump in eight may skip up to 30,000 instructions.
   */
  static List<Insn> generate(Random rnd, int n, int maxLoops, boolean longJumps) {
    List<Insn> out = new ArrayList<>();
    for (int k = 1; k <= 64; k++) {
      out.add(st(DW, FP, -8 * k, 0));
    }
    for (int r : DST) {
      out.add(rnd.nextInt(4) == 0 ? lddw(r, rnd.nextLong()) : mov(r, imm(rnd)));
    }
    out.add(mov(9, 1 + rnd.nextInt(maxLoops)));
    int loopStart = out.size();
    // the body, with forward jumps as (index, target index) fixed up below
    List<Insn> body = new ArrayList<>();
    List<int[]> jumps = new ArrayList<>();
    boolean usesFunction = false;
    for (int i = 0; i < n; i++) {
      int kind = rnd.nextInt(20);
      if (kind < 9) {
        body.add(alu(rnd));
      } else if (kind < 14) {
        body.add(mem(rnd));
      } else if (kind < 18) {
        int reach = Math.min(n - i, longJumps && rnd.nextInt(8) == 0 ? 30_000 : 40);
        jumps.add(new int[] {body.size(), body.size() + 1 + rnd.nextInt(reach)});
        body.add(jump(rnd));
      } else if (kind == 18) {
        body.add(call(1));
      } else {
        body.add(callLocal(0)); // fixed up below
        usesFunction = true;
      }
    }
    // fix jump offsets in slots (lddw takes two)
    int[] slotAt = new int[body.size() + 1];
    for (int i = 0; i < body.size(); i++) {
      slotAt[i + 1] = slotAt[i] + body.get(i).slots();
    }
    for (int[] j : jumps) {
      int off = slotAt[j[1]] - slotAt[j[0] + 1];
      body.set(j[0], body.get(j[0]).withOffset(off));
    }
    out.addAll(body);
    out.add(alu64(SUB, 9, 1));
    int loopSlots = 0;
    for (int i = loopStart; i < out.size(); i++) {
      loopSlots += out.get(i).slots();
    }
    // leave when r9 is 0, else gotol back (32-bit offset: the body may be long)
    out.add(jmp(JEQ, 9, 0, 1));
    out.add(Insn.of(JMP32 | JA, 0, 0, 0, -(loopSlots + 2)));
    for (int r : new int[] {2, 3, 4, 5, 6, 7, 8}) {
      out.add(alu64r(XOR, 0, r));
      out.add(alu64(MUL, 0, 0x1e3779b1L));
    }
    out.add(exit());
    if (usesFunction) {
      int fnSlot = 0;
      for (Insn in : out) {
        fnSlot += in.slots();
      }
      int slot = 0;
      for (int i = 0; i < out.size(); i++) {
        Insn in = out.get(i);
        slot += in.slots();
        if (in.isLocalCall()) {
          out.set(i, in.withImm(fnSlot - slot));
        }
      }
      out.add(movr(0, 2));
      out.add(alu64(MUL, 0, 3));
      out.add(alu64r(ADD, 0, 3));
      out.add(stx(DW, FP, 0, -16));
      out.add(ldx(DW, 6, FP, -16));
      out.add(alu64r(XOR, 0, 6));
      out.add(mov(7, 5)); // callee-saved: the caller's r7 survives
      out.add(exit());
    }
    return out;
  }

  private static long imm(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> 0;
      case 1 -> -1;
      case 2 -> Integer.MIN_VALUE;
      case 3 -> Integer.MAX_VALUE;
      case 4 -> rnd.nextInt(17) - 8;
      default -> rnd.nextInt();
    };
  }

  private static int pick(Random rnd, int[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private static Insn alu(Random rnd) {
    boolean wide = rnd.nextBoolean();
    int cls = wide ? ALU64 : ALU;
    int code = pick(rnd, ALU_CODES);
    int dst = pick(rnd, DST);
    if (code == NEG) {
      return Insn.of(cls | NEG, dst, 0, 0, 0);
    }
    if (code == END) {
      int width = new int[] {16, 32, 64}[rnd.nextInt(3)];
      int src = wide ? K : (rnd.nextBoolean() ? TO_LE : TO_BE);
      return Insn.of(cls | END | src, dst, 0, 0, width);
    }
    boolean reg = rnd.nextBoolean();
    int off = 0;
    if (code == DIV || code == MOD) {
      off = rnd.nextInt(2);
    } else if (code == MOV && reg && rnd.nextInt(3) == 0) {
      off = wide ? new int[] {8, 16, 32}[rnd.nextInt(3)] : new int[] {8, 16}[rnd.nextInt(2)];
    }
    long imm = imm(rnd);
    if (code == LSH || code == RSH || code == ARSH) {
      imm = rnd.nextInt(wide ? 64 : 32);
    }
    return reg
        ? Insn.of(cls | code | X, dst, pick(rnd, SRC), off, 0)
        : Insn.of(cls | code | K, dst, 0, off, imm);
  }

  private static Insn mem(Random rnd) {
    int size = new int[] {B, H, W, DW}[rnd.nextInt(4)];
    int bytes = sizeBytes(size);
    boolean stack = rnd.nextBoolean();
    int base = stack ? FP : 1;
    int kind = rnd.nextInt(5);
    boolean atomic = kind == 4 && (size == W || size == DW);
    int off;
    if (stack) {
      off = -bytes * (1 + rnd.nextInt(512 / bytes - 1));
    } else {
      off = atomic ? bytes * rnd.nextInt(BUFFER / bytes) : rnd.nextInt(BUFFER - bytes + 1);
    }
    if (!stack && !atomic && rnd.nextBoolean()) {
      off = off / bytes * bytes;
    }
    return switch (kind) {
      case 0 -> ldx(size, pick(rnd, DST), base, off);
      case 1 -> size == DW
          ? Insn.of(LDX | MEM | size, pick(rnd, DST), base, off, 0)
          : Insn.of(LDX | MEMSX | size, pick(rnd, DST), base, off, 0);
      case 2 -> st(size, base, off, imm(rnd));
      case 3 -> stx(size, base, pick(rnd, SRC), off);
      default -> atomic
          ? Insn.of(STX | ATOMIC | size, base, pick(rnd, DST), off, pick(rnd, ATOMICS))
          : stx(size, base, pick(rnd, SRC), off);
    };
  }

  private static Insn jump(Random rnd) {
    int cls = rnd.nextBoolean() ? JMP : JMP32;
    int code = pick(rnd, JUMP_CODES);
    return rnd.nextBoolean()
        ? Insn.of(cls | code | X, pick(rnd, SRC), pick(rnd, SRC), 0, 0)
        : Insn.of(cls | code | K, pick(rnd, SRC), 0, 0, imm(rnd));
  }
}
