package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link BlockOrder} on random programs: every instruction once, straight lines kept. */
class BlockOrderProperties {
  @Property(tries = 100)
  void everyInstructionOnceAndForwardEdgesOfTheSearchGoForward(@ForAll long seed) {
    List<Insn> prog = RandomPrograms.generate(seed);
    Layout layout = new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
    for (Layout.Fn fn : layout.fns) {
      int[] order = BlockOrder.of(layout, fn.start, fn.end);
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      int[] expected = new int[fn.end - fn.start];
      Arrays.setAll(expected, k -> fn.start + k);
      assertArrayEquals(expected, sorted, "a permutation of the function");
      int[] pos = new int[fn.end - fn.start];
      for (int k = 0; k < order.length; k++) {
        pos[order[k] - fn.start] = k;
      }
      // an instruction that is the only way into its fall-through comes right before it
      for (int i = fn.start; i + 1 < fn.end; i++) {
        Insn in = prog.get(i);
        if (!in.isBranch() && !in.isExit() && onlyPredecessor(layout, i + 1, i)) {
          assertEquals(pos[i - fn.start] + 1, pos[i + 1 - fn.start], "straight line at " + i);
        }
      }
    }
  }

  private static boolean onlyPredecessor(Layout layout, int s, int p) {
    for (int i = 0; i < layout.insns.size(); i++) {
      if (i != p && layout.target[i] == s) {
        return false;
      }
    }
    return true;
  }
}
