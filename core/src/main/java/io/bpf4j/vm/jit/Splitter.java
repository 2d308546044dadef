package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts functions too large for one JVM method into regions. HotSpot compiles no method over
 * 8000 bytecode bytes ({@code -XX:-DontCompileHugeMethods} is off by default) and the class
 * file format allows 64 KB; a function whose estimated code exceeds {@link #DIRECT_LIMIT} is cut
 * into consecutive instruction ranges of at most the region budget, not cut through a small
 * loop. Each region is a method that
 * loads the registers from the thread's transfer area, dispatches on the entry instruction,
 * runs, and on leaving stores them back and returns the next instruction to a trampoline.
 *
 * <p>The estimates are upper bounds of what the emitters produce per instruction, so that a
 * region never comes out larger than {@code budget + REGION_OVERHEAD}; {@code JitSplitTest}
 * checks the real sizes.
 */
final class Splitter {
  private Splitter() {}

  /** A function up to this many estimated bytes is one method. */
  static final int DIRECT_LIMIT = 7000;
  /**
   * Default estimated bytes of instruction code per region (about 1500 real bytes). Larger
   * regions of memory-heavy code make C1 give up ("out of virtual registers"), and then the
   * region stays interpreted until C2 takes it.
   */
  static final int REGION_BUDGET = 2500;
  /** Region prologue (register loads), epilogue (register stores) and slack. */
  static final int REGION_OVERHEAD = 260;

  static void split(Layout layout, Layout.Fn fn, int directLimit, int budget) {
    List<Insn> insns = layout.insns;
    long total = 0;
    for (int i = fn.start; i < fn.end; i++) {
      total += estimate(insns.get(i));
    }
    if (total <= directLimit) {
      return;
    }
    int[] loopStart = smallLoops(layout, fn, budget / 2);
    List<Layout.Region> regions = new ArrayList<>();
    int start = fn.start;
    int used = 0;
    for (int i = fn.start; i < fn.end; i++) {
      int cost = cost(insns.get(i));
      if (used + cost > budget && i > start) {
        // not through a small loop: each iteration would leave the region and come back
        int cut = loopStart[i - fn.start] > start ? loopStart[i - fn.start] : i;
        regions.add(layout.newRegion(start, cut));
        start = cut;
        used = 0;
        for (int k = cut; k < i; k++) {
          used += cost(insns.get(k));
        }
      }
      used += cost;
    }
    regions.add(layout.newRegion(start, fn.end));
    List<TreeSet<Integer>> entries = new ArrayList<>();
    int firstId = regions.getFirst().id;
    for (Layout.Region r : regions) {
      TreeSet<Integer> e = new TreeSet<>();
      e.add(r.start);
      entries.add(e);
    }
    for (int i = fn.start; i < fn.end; i++) {
      int t = layout.target[i];
      if (t >= 0 && layout.regionOf[t] != layout.regionOf[i]) {
        entries.get(layout.regionOf[t] - firstId).add(t);
      }
    }
    for (Layout.Region r : regions) {
      r.entries = entries.get(r.id - firstId).stream().mapToInt(Integer::intValue).toArray();
    }
    fn.regions = List.copyOf(regions);
  }

  /**
   * An instruction's estimate in a region: it may become an entry (8 bytes in the switch) and
   * a branch a stub.
   */
  private static int cost(Insn in) {
    return estimate(in) + 8 + (in.isBranch() ? 10 : 0);
  }

  /**
   * Per instruction of {@code fn}, the first instruction of the outermost loop of at most
   * {@code limit} estimated bytes that contains it past its first instruction (a range from a
   * backward jump's target to the jump, in program order), or -1. A region boundary there
   * would make every iteration leave the region through the transfer area.
   */
  private static int[] smallLoops(Layout layout, Layout.Fn fn, int limit) {
    int n = fn.end - fn.start;
    int[] start = new int[n];
    java.util.Arrays.fill(start, -1);
    long[] prefix = new long[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + cost(layout.insns.get(fn.start + i));
    }
    for (int j = fn.start; j < fn.end; j++) {
      Insn in = layout.insns.get(j);
      int t = in.isBranch() && !in.isCall() ? layout.target[j] : -1;
      if (t < fn.start || t > j || prefix[j + 1 - fn.start] - prefix[t - fn.start] > limit) {
        continue;
      }
      for (int i = t + 1; i <= j; i++) {
        int s = start[i - fn.start];
        start[i - fn.start] = s < 0 ? t : Math.min(s, t);
      }
    }
    return start;
  }

  /** Upper bound of the bytecode bytes the emitters produce for {@code in}. */
  static int estimate(Insn in) {
    int op = in.opcode();
    return switch (in.cls()) {
      case ALU, ALU64 -> {
        int code = code(op);
        yield code == DIV || code == MOD ? 44 : 22;
      }
      case LDX, ST -> 28;
      case STX -> mode(op) == ATOMIC ? 40 : 28;
      case LD -> 12;
      default -> {
        if (in.isCall()) {
          yield CallEmitter.mayCallBack(in) ? 80 : 64;
        }
        if (in.isExit()) {
          yield 8;
        }
        yield in.isUnconditionalJump() ? 4 : 22;
      }
    };
  }
}
