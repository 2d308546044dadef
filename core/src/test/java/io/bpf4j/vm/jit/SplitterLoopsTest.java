package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Assembler;
import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A function cut into regions is not cut through a small loop: a boundary inside one made every
 * iteration leave its region through the transfer area (a program of eight 33-instruction loops
 * of stack loads and stores ran 2.6 times slower).
 */
class SplitterLoopsTest {
  /** {@code loops} loops of 100 iterations, each of 20 stack loads or stores. */
  static List<Insn> program(int loops) throws Exception {
    StringBuilder s = new StringBuilder();
    for (int k = 1; k <= 8; k++) {
      s.append("stdw [%r10-").append(8 * k).append("], ").append(k).append('\n');
    }
    s.append("mov %r0, 0\n");
    for (int l = 0; l < loops; l++) {
      s.append("mov %r6, 100\nloop").append(l).append(":\n");
      for (int i = 0; i < 20; i++) {
        int k = 1 + i % 8;
        s.append(i % 2 == 0
            ? "ldxdw %r2, [%r10-" + 8 * k + "]\nadd %r0, %r2\n"
            : "stxdw [%r10-" + 8 * k + "], %r0\n");
      }
      s.append("sub %r6, 1\njne %r6, 0, loop").append(l).append('\n');
    }
    s.append("exit\n");
    return Assembler.assemble(s.toString());
  }

  @Test
  void noRegionStartsInsideASmallLoop() throws Exception {
    List<Insn> prog = program(8);
    Layout layout = new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
    Layout.Fn fn = layout.fns[0];
    assertTrue(fn.split(), "the program is large enough to be split");
    assertTrue(fn.regions.size() > 2);
    for (Layout.Region r : fn.regions) {
      for (int j = 0; j < prog.size(); j++) {
        int t = layout.target[j];
        if (prog.get(j).isBranch() && t >= 0 && t <= j) {
          assertFalse(t < r.start && r.start <= j,
              "region " + r.id + " starts at " + r.start + " inside the loop " + t + ".." + j);
        }
      }
    }
    long expected = Interpreter.load(prog, HelperTable.empty(), InterpreterOptions.fast()).run(0, 0);
    assertEquals(expected, JitCompiler.compile(prog, HelperTable.empty()).run(0, 0));
  }
}
