package io.bpf4j.vm.jit;

import io.bpf4j.isa.Insn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the loops of a direct method that are emitted more than once, one copy after the
 * other ("Loops emitted several times" in docs/jit.md).
 *
 * <p>C2 makes none of clang's BPF loops a counted loop (their counters are 64-bit and tested
 * unsigned or with {@code !=}), so every iteration pays the safepoint poll that C2 puts on a back
 * edge, and nothing is unrolled. When a loop's body is emitted {@code n} times, a jump to the
 * header from copy {@code c} goes to the header of copy {@code c + 1}, forward, and only the last
 * copy jumps back to the first: one poll per {@code n} iterations, and C2 schedules the copies
 * together. Every copy is the same code, so any jump may land in any copy: jumps into the loop
 * from outside go to the first, exits leave from whichever copy is running.
 *
 * <p>A loop qualifies when it is innermost (the only backward jumps in its range of the
 * emission order go to its header), has at most {@link #MAX_INSNS} instructions and no calls.
 * The deepest loops (by nesting) are served first, and each gets as many copies as fit the
 * budget: HotSpot's C1 gives up on large methods of memory accesses ("out of virtual registers")
 * and leaves them interpreted until C2 compiles them, so the method must stay small.
 */
final class LoopCopies {
  private LoopCopies() {}

  /** Loops of at most this many instructions are copied. */
  static final int MAX_INSNS = 32;
  /**
   * Copies of a loop at most: {@code -Dbpf4j.jit.loopCopies}, read at compile time, default 4;
   * 1 turns copying off, and so does {@code -Dbpf4j.jit.countedLoops=true}.
   */
  static final int DEFAULT_COPIES = 4;
  /**
   * The method's estimated size ({@link Splitter#estimate}, about 2.6 times the real bytecode)
   * that copies may grow it to. The sort benchmark with four copies of its loops is about 1,950
   * real bytes; with five, 2,390, C1 gave up on it.
   */
  static final int BUDGET = 5200;

  /** A loop to copy: positions {@code [a, b]} of the emission order, emitted {@code copies} times. */
  record Loop(int a, int b, int copies) {}

  static int maxCopies() {
    if ("true".equals(System.getProperty("bpf4j.jit.countedLoops"))) {
      return 1;
    }
    return Math.max(1, Integer.getInteger("bpf4j.jit.loopCopies", DEFAULT_COPIES));
  }

  /**
   * The loops to copy among instructions {@code [from, to)} emitted in {@code order}
   * ({@code position} is its inverse), sorted by position.
   */
  static List<Loop> choose(Layout layout, int[] order, int[] position, int from, int to,
      int maxCopies) {
    if (maxCopies < 2) {
      return List.of();
    }
    int n = order.length;
    long size = 0;
    for (int i = from; i < to; i++) {
      size += Splitter.estimate(layout.insns.get(i));
    }
    int[] lastBack = new int[n];
    Arrays.fill(lastBack, -1);
    for (int k = 0; k < n; k++) {
      for (int t : successors(layout, order[k], from, to)) {
        if (t >= 0 && position[t - from] <= k) {
          lastBack[position[t - from]] = Math.max(lastBack[position[t - from]], k);
        }
      }
    }
    List<int[]> candidates = new ArrayList<>(); // a, b, cost, depth
    for (int a = 0; a < n; a++) {
      int b = lastBack[a];
      if (b < 0 || b - a + 1 > MAX_INSNS) {
        continue;
      }
      boolean ok = true;
      long cost = 0;
      for (int q = a; q <= b && ok; q++) {
        int i = order[q];
        Insn in = layout.insns.get(i);
        cost += Splitter.estimate(in);
        ok = !in.isCall() && (q == a || lastBack[q] < 0);
        for (int t : successors(layout, i, from, to)) {
          ok &= t < 0 || position[t - from] > q || t == order[a];
        }
      }
      if (ok) {
        int depth = 0;
        for (int o = 0; o < a; o++) {
          if (lastBack[o] >= b) {
            depth++;
          }
        }
        candidates.add(new int[] {a, b, (int) cost, depth});
      }
    }
    candidates.sort(Comparator.<int[]>comparingInt(c -> -c[3]).thenComparingInt(c -> c[2]));
    List<Loop> chosen = new ArrayList<>();
    long limit = Math.min(BUDGET, Splitter.DIRECT_LIMIT);
    for (int[] c : candidates) {
      int copies = maxCopies;
      while (copies > 1 && size + (long) (copies - 1) * c[2] > limit) {
        copies--;
      }
      if (copies > 1) {
        chosen.add(new Loop(c[0], c[1], copies));
        size += (long) (copies - 1) * c[2];
      }
    }
    chosen.sort(Comparator.comparingInt(Loop::a));
    return chosen;
  }

  /**
   * The jump target and the fall-through of the instruction at {@code i}, each -1 when there is
   * none or it is outside {@code [from, to)}. A fall-through emitted elsewhere becomes a {@code
   * goto}, so it can close a loop as well as a jump (clang's loops entered in the middle).
   */
  private static int[] successors(Layout layout, int i, int from, int to) {
    Insn in = layout.insns.get(i);
    int t = in.isBranch() && !in.isCall() ? layout.target[i] : -1;
    int f = in.isExit() || in.isUnconditionalJump() ? -1 : i + 1;
    return new int[] {t >= from && t < to ? t : -1, f >= from && f < to ? f : -1};
  }
}
