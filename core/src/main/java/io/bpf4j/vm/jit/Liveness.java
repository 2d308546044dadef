package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;

/**
 * Which registers are live (read before being written, on some path) after each instruction:
 * a backward data-flow analysis over each function, bit masks of registers, meet = or.
 *
 * <p>The JIT uses it to find divisions and modulos whose result is only compared with zero,
 * the divisibility test {@code n % d == 0} ({@link #onlyTested}): those are computed on the
 * floating-point divider ({@link AluEmitter}). The choice only picks between two exact ways
 * of computing the same value, so the analysis may be conservative: whatever it does not
 * model (it does not need to) counts as reading every register.
 */
final class Liveness {
  private Liveness() {}

  private static final int ALL = (1 << REGISTER_COUNT) - 1;

  /** The live registers after each instruction, as bit masks (bit r for register r). */
  static int[] analyze(Layout layout) {
    int n = layout.insns.size();
    // predecessors in compressed form: preds[start[i] .. start[i + 1]) of instruction i
    int[] count = new int[n + 1];
    for (int i = 0; i < n; i++) {
      forEachSuccessor(layout, i, s -> count[s + 1]++);
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    int[] preds = new int[count[n]];
    int[] fill = count.clone();
    for (int i = 0; i < n; i++) {
      int from = i;
      forEachSuccessor(layout, i, s -> preds[fill[s]++] = from);
    }
    int[] out = new int[n];
    int[] in = new int[n];
    int[] work = new int[n];
    boolean[] queued = new boolean[n];
    int top = 0;
    for (int i = 0; i < n; i++) {
      in[i] = transfer(layout.insns.get(i), 0);
      work[top++] = i;
      queued[i] = true;
    }
    while (top > 0) {
      int i = work[--top];
      queued[i] = false;
      int live = transfer(layout.insns.get(i), out[i]);
      in[i] = live;
      for (int k = count[i]; k < count[i + 1]; k++) {
        int p = preds[k];
        if ((out[p] | live) != out[p]) {
          out[p] |= live;
          if (!queued[p]) {
            queued[p] = true;
            work[top++] = p;
          }
        }
      }
    }
    return out;
  }

  private interface IntSink {
    void accept(int i);
  }

  private static void forEachSuccessor(Layout layout, int i, IntSink sink) {
    Insn insn = layout.insns.get(i);
    if (insn.isBranch()) {
      sink.accept(layout.target[i]);
    }
    boolean falls = !insn.isExit() && !insn.isUnconditionalJump();
    if (falls && i + 1 < layout.fns[layout.fnOf(i)].end) {
      sink.accept(i + 1);
    }
  }

  /** The registers live before {@code in}, given those live after it. */
  static int transfer(Insn in, int live) {
    int d = 1 << in.dst();
    int s = 1 << in.src();
    boolean reg = source(in.opcode()) == X;
    switch (in.cls()) {
      case ALU, ALU64 -> {
        int code = code(in.opcode());
        int uses = (code == MOV ? 0 : d) | (reg && code != NEG && code != END ? s : 0);
        return (live & ~d) | uses;
      }
      case LD -> {
        return live & ~d; // lddw
      }
      case LDX -> {
        return (live & ~d) | s;
      }
      case ST -> {
        return live | d;
      }
      case STX -> {
        if (mode(in.opcode()) == ATOMIC) {
          return ALL; // fetch forms write src (cmpxchg: r0); not needed here
        }
        return live | d | s;
      }
      case JMP, JMP32 -> {
        if (in.isExit()) {
          return 1; // r0
        }
        if (in.isCall()) {
          // helpers and functions read r1..r5 (callx also its register) and set r0..r5
          return (live & ~0x3f) | 0x3e | (in.opcode() == (JMP | CALL | X) ? d : 0);
        }
        if (in.isUnconditionalJump()) {
          return live;
        }
        return live | d | (reg ? s : 0);
      }
      default -> {
        return ALL;
      }
    }
  }

  /**
   * True when instruction {@code i}, a division or modulo, has a result that is only compared
   * with zero: the next instruction that reads its destination, in the same straight-line code,
   * is a {@code jeq}/{@code jne} of it against the constant 0, and the destination is dead
   * after that jump on both ways. {@code liveOut} comes from {@link #analyze}.
   */
  static boolean onlyTested(Layout layout, int[] liveOut, int i) {
    int dst = layout.insns.get(i).dst();
    int bit = 1 << dst;
    int end = layout.fns[layout.fnOf(i)].end;
    for (int j = i + 1; j < end; j++) {
      Insn in = layout.insns.get(j);
      int cls = in.cls();
      if ((cls == JMP || cls == JMP32) && in.isBranch() && !in.isUnconditionalJump()) {
        int code = code(in.opcode());
        boolean test = in.dst() == dst && source(in.opcode()) == K && in.imm32() == 0
            && (code == JEQ || code == JNE);
        return test && (liveOut[j] & bit) == 0;
      }
      if (in.isBranch() || in.isExit() || in.isCall() || (transfer(in, 0) & bit) != 0
          || (transfer(in, bit) & bit) == 0) {
        return false; // leaves straight-line code, reads the result or overwrites it
      }
    }
    return false;
  }
}
