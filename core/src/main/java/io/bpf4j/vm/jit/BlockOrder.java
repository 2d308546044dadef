package io.bpf4j.vm.jit;

import io.bpf4j.isa.Insn;
import java.util.Arrays;

/**
 * The order in which a function's instructions are emitted: reverse postorder of its control
 * flow graph from the entry, so that the only jumps that go backward in the bytecode are the
 * loops' back edges. clang lays out BPF code with loop bodies after their exits and diamonds
 * whose arms jump back into the loop; HotSpot puts a safepoint poll on every backward jump,
 * which turns such an arm into a non-empty block and stops C2 from making a conditional move
 * of a diamond (the sort benchmark's compare-and-swap) and from treating the merge as one
 * loop body.
 *
 * <p>A depth-first search visits a conditional jump's target before its fall-through, so the
 * fall-through follows its jump whenever it can; straight-line code stays in order.
 * Unreachable instructions (the verifier rejects them, the JIT compiles them anyway) come last
 * in program order.
 */
final class BlockOrder {
  private BlockOrder() {}

  /** The instructions {@code [from, to)} in emission order. */
  static int[] of(Layout layout, int from, int to) {
    int n = to - from;
    int[] order = new int[n];
    boolean[] seen = new boolean[n];
    int[] post = new int[n];
    int posts = 0;
    // iterative DFS: a stack of instructions and of how many successors each has visited
    int[] stack = new int[n];
    int[] next = new int[n];
    int sp = 0;
    stack[sp++] = from;
    seen[0] = true;
    while (sp > 0) {
      int i = stack[sp - 1];
      int s = successor(layout, i, to, next[sp - 1]++);
      if (s == -2) {
        post[posts++] = i;
        sp--;
      } else if (s >= 0 && !seen[s - from]) {
        seen[s - from] = true;
        stack[sp] = s;
        next[sp] = 0;
        sp++;
      }
    }
    int k = 0;
    for (int p = posts - 1; p >= 0; p--) {
      order[k++] = post[p];
    }
    for (int i = from; i < to; i++) {
      if (!seen[i - from]) {
        order[k++] = i;
      }
    }
    return order;
  }

  /** The identity order, for regions of split functions. */
  static int[] identity(int from, int to) {
    int[] order = new int[to - from];
    Arrays.setAll(order, k -> from + k);
    return order;
  }

  /**
   * Successor number {@code k} of instruction {@code i}: a jump's target first, then the
   * fall-through; -1 for one outside {@code [.., to)} (skipped), -2 when there are no more.
   */
  private static int successor(Layout layout, int i, int to, int k) {
    Insn in = layout.insns.get(i);
    if (in.isExit()) {
      return -2;
    }
    boolean branch = in.isBranch();
    boolean falls = !in.isUnconditionalJump();
    if (branch) {
      if (k == 0) {
        return inside(layout.target[i], to);
      }
      k--;
    }
    if (falls && k == 0) {
      return inside(i + 1, to);
    }
    return -2;
  }

  private static int inside(int i, int to) {
    return i < to ? i : -1;
  }
}
