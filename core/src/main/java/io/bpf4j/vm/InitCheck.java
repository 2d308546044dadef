package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The checked interpreter's load-time test that no instruction reads a register before every
 * path to it has written that register, as the kernel's verifier requires ({@code R0 !read_ok}).
 * A forward "definitely written" analysis over all paths: the main function starts with r1
 * (context), r2 (its length) and r10; a local function with the caller's r1..r5 and its r10;
 * every call leaves r0 written and r1..r5 unknown (scratch registers, as in the kernel); a
 * callback (the function an {@code lddw} of {@code BPF_PSEUDO_FUNC} names) with r1..r5.
 */
final class InitCheck {
  private InitCheck() {}

  private static final int ARGS = 0b111110; // r1..r5
  private static final int CALLEE_SAVED = 0b1111000000; // r6..r9
  private static final int FP_BIT = 1 << FP;

  /** Throws naming the first instruction that reads a register nobody wrote. */
  static void check(List<Insn> insns, int slots) throws InvalidProgramException {
    Insn[] at = new Insn[slots];
    int pc = 0;
    for (Insn in : insns) {
      at[pc] = in;
      pc += in.slots();
    }
    int[] state = new int[slots]; // bit i: ri is written on every path seen so far
    boolean[] seen = new boolean[slots];
    ArrayDeque<Integer> work = new ArrayDeque<>();
    merge(0, 1 << 1 | 1 << 2 | FP_BIT, state, seen, work);
    while (!work.isEmpty()) {
      int i = work.poll();
      Insn in = at[i];
      int s = state[i];
      int reads = reads(in);
      int missing = reads & ~s;
      if (missing != 0) {
        int r = Integer.numberOfTrailingZeros(missing);
        throw new InvalidProgramException(
            i, "r" + r + " is read before it is written (not initialized on every path)");
      }
      int next = i + in.slots();
      if (in.isExit()) {
        continue;
      }
      if (in.isLocalCall()) {
        merge(i + 1 + (int) in.imm(), (s & ARGS) | FP_BIT, state, seen, work);
        merge(next, (s & (CALLEE_SAVED | FP_BIT)) | 1, state, seen, work);
        continue;
      }
      if (in.isCall()) {
        merge(next, (s & ~ARGS) | 1, state, seen, work);
        continue;
      }
      int out = s | writes(in);
      if (in.isLddw() && in.src() == PSEUDO_FUNC) {
        // a callback: called by a helper with r1..r5 and its own r10
        merge(i + 1 + (int) in.imm(), ARGS | FP_BIT, state, seen, work);
      }
      if (in.isBranch()) {
        merge(i + 1 + in.branchOffset(), out, state, seen, work);
        if (in.isUnconditionalJump()) {
          continue;
        }
      }
      if (next < slots) {
        merge(next, out, state, seen, work);
      }
    }
  }

  private static void merge(int pc, int s, int[] state, boolean[] seen, ArrayDeque<Integer> work) {
    int m = seen[pc] ? state[pc] & s : s;
    if (!seen[pc] || m != state[pc]) {
      seen[pc] = true;
      state[pc] = m;
      work.add(pc);
    }
  }

  /** Registers an instruction reads. */
  static int reads(Insn in) {
    int op = in.opcode();
    int d = 1 << in.dst();
    int s = 1 << in.src();
    boolean x = (op & X) != 0;
    switch (op & 7) {
      case ALU, ALU64 -> {
        int code = op & 0xf0;
        if (code == MOV) {
          return x ? s : 0;
        }
        return code == NEG || code == END || !x ? d : d | s;
      }
      case JMP, JMP32 -> {
        int code = op & 0xf0;
        if (code == EXIT) {
          return 1;
        }
        if (code == CALL) {
          return x ? d : 0;
        }
        if (code == JA) {
          return 0;
        }
        return x ? d | s : d;
      }
      case LDX -> {
        return s;
      }
      case ST -> {
        return d;
      }
      case STX -> {
        boolean cmpxchg = (op & 0xe0) == ATOMIC && (int) in.imm() == CMPXCHG;
        return d | s | (cmpxchg ? 1 : 0);
      }
      default -> { // LD: lddw writes only; legacy IND reads its index register
        return (op & 0xe0) == IND ? s : 0;
      }
    }
  }

  /** Registers an instruction (other than calls) writes. */
  static int writes(Insn in) {
    int op = in.opcode();
    switch (op & 7) {
      case ALU, ALU64, LDX -> {
        return 1 << in.dst();
      }
      case STX -> {
        if ((op & 0xe0) != ATOMIC) {
          return 0;
        }
        int a = (int) in.imm();
        return a == CMPXCHG ? 1 : (a & FETCH) != 0 ? 1 << in.src() : 0;
      }
      case LD -> {
        return op == LDDW ? 1 << in.dst() : 1; // legacy packet loads write r0
      }
      default -> {
        return 0;
      }
    }
  }
}
