package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import java.util.ArrayList;
import java.util.List;

/**
 * Int induction variables (only with {@code -Dbpf4j.jit.intCounters=true}, read at compile
 * time, and only with the verifier's facts): a loop closed by a backward signed 64-bit compare
 * that {@link JumpEmitter#countedLoopTest} accepts, whose counter (the operand stepped once by
 * a constant) and limit the facts put in [0, 2^31) at the test, whose counter is in [0, 2^31)
 * where the loop is entered and after its step, and that is entered only at its head, keeps
 * its counter in an int local as well: the step is {@code iadd} on it (the register, a long,
 * is stored from it at once, so every other read sees the same value), the test is {@code
 * if_icmp} on it as the loop's own backward branch, and entering the loop sets it from the
 * register. C2 counts such a loop with an int phi, as it counts javac's {@code for (int i
 * ...)}.
 */
final class IntCounters {
  private IntCounters() {}

  private static final java.util.function.BooleanSupplier ENABLED =
      () -> "true".equals(System.getProperty("bpf4j.jit.intCounters"));

  /** One loop's int counter: its head, step, closing jump, register and int local. */
  record Counter(int head, int step, int jump, int reg, int local) {}

  /**
   * The int counters of the function emitted in {@code order} (direct mode), their locals
   * numbered from {@code firstLocal} (one slot each).
   */
  static List<Counter> find(MethodEmitter m, int[] order, int[] position, int firstLocal) {
    List<Counter> out = new ArrayList<>();
    Layout l = m.layout;
    if (!ENABLED.getAsBoolean() || l.facts.slots() == 0) {
      return out;
    }
    int from = m.from;
    int saved = m.pc;
    boolean[] head = new boolean[order.length];
    java.util.Set<Integer> steps = new java.util.HashSet<>();
    try {
      for (int k = 0; k < order.length; k++) {
        int p = order[k];
        Insn in = l.insns.get(p);
        if (in.cls() != JMP || !in.isBranch() || in.isUnconditionalJump() || in.isCall()) {
          continue;
        }
        int t = l.target[p];
        if (t < from || t >= m.to || position[t - from] > k || head[position[t - from]]) {
          continue;
        }
        int code = code(in.opcode());
        if (code == JEQ || code == JNE || code == JSET) {
          continue;
        }
        boolean reg = source(in.opcode()) == X;
        m.pc = p;
        if (!JumpEmitter.signedOrAgrees(m, in, reg) || !JumpEmitter.countedLoopTest(m, in, t, reg)) {
          continue;
        }
        if (!below31(l, p, in.dst()) || (reg ? !below31(l, p, in.src()) : in.imm32() < 0)) {
          continue;
        }
        int a = position[t - from];
        // the counter: the operand written in the loop (countedLoopTest: exactly one is)
        int c = -1;
        int step = -1;
        for (int q = a; q <= k; q++) {
          Insn x = l.insns.get(order[q]);
          boolean step1 = x.cls() == ALU64 && source(x.opcode()) == K
              && (code(x.opcode()) == ADD || code(x.opcode()) == SUB);
          if (step1 && (x.dst() == in.dst() || reg && x.dst() == in.src())) {
            c = x.dst();
            step = order[q];
          }
        }
        if (c < 0 || steps.contains(step) || step + 1 >= m.to || !below31(l, t, c) || !below31(l, step + 1, c)) {
          continue;
        }
        if (!enteredOnlyAtHead(m, order, position, a, k)) {
          continue;
        }
        head[a] = true;
        steps.add(step);
        out.add(new Counter(t, step, p, c, firstLocal + out.size()));
      }
    } finally {
      m.pc = saved;
    }
    return out;
  }

  /** True when the facts put {@code reg} in [0, 2^31) before instruction {@code i}. */
  private static boolean below31(Layout l, int i, int reg) {
    return (l.factsNarrow(i) & (1 << reg)) != 0 && l.nonNegative32(i, reg);
  }

  /**
   * True when no instruction emitted outside positions {@code [a, k]} jumps or falls into the
   * loop other than at its head (position {@code a}).
   */
  private static boolean enteredOnlyAtHead(
      MethodEmitter m, int[] order, int[] position, int a, int k) {
    Layout l = m.layout;
    for (int q = 0; q < order.length; q++) {
      if (q >= a && q <= k) {
        continue;
      }
      int i = order[q];
      Insn in = l.insns.get(i);
      if (in.isExit()) {
        continue;
      }
      if (in.isBranch() && !in.isCall() && inside(m, position, l.target[i], a, k)) {
        return false;
      }
      if (!in.isUnconditionalJump() && inside(m, position, i + 1, a, k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean inside(MethodEmitter m, int[] position, int i, int a, int k) {
    if (i < m.from || i >= m.to) {
      return false;
    }
    int p = position[i - m.from];
    return p > a && p <= k;
  }
}
