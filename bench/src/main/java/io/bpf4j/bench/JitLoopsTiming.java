package io.bpf4j.bench;

import io.bpf4j.isa.Assembler;
import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.util.Arrays;
import java.util.List;

/**
 * A function of {@code -Dloops=N} loops of 100 iterations, each of OPS stack loads and stores
 * alternating, compiled by the JIT once per {@code bpf4j.jit.loopCopies} value given, timed in
 * 15 interleaved rounds of 20,000 runs (wall clock; median and best ns per run). Past about 250
 * instructions the function is cut into regions (docs/jit.md, "Large programs").
 *
 * <pre>
 * java -Dloops=8 -cp bench/target/benchmarks.jar io.bpf4j.bench.JitLoopsTiming 20 1 4
 * </pre>
 */
public final class JitLoopsTiming {
  private JitLoopsTiming() {}

  private static final int ROUNDS = 15;
  private static final int RUNS = 20_000;

  public static void main(String[] args) throws Exception {
    int ops = Integer.parseInt(args[0]);
    List<Insn> prog = Assembler.assemble(program(ops, Integer.getInteger("loops", 1)));
    String[] copies = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length)
        : new String[] {"1", "4"};
    JitProgram[] compiled = new JitProgram[copies.length];
    for (int v = 0; v < copies.length; v++) {
      System.setProperty("bpf4j.jit.loopCopies", copies[v]);
      compiled[v] = JitCompiler.compile(prog, HelperTable.empty());
    }
    long[][] nanos = new long[copies.length][ROUNDS];
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (int v = 0; v < copies.length; v++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
          sink += compiled[v].run(0, 0);
        }
        nanos[v][round] = (System.nanoTime() - t0) / RUNS;
      }
    }
    for (int v = 0; v < copies.length; v++) {
      long[] r = nanos[v].clone();
      Arrays.sort(r);
      System.out.println("insns " + prog.size() + " copies " + copies[v] + " median ns/run "
          + r[ROUNDS / 2] + " min " + r[0]);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  /** Eight stack slots set, then {@code loops} loops of {@code ops} loads and stores each. */
  static String program(int ops, int loops) {
    StringBuilder s = new StringBuilder();
    for (int k = 1; k <= 8; k++) {
      s.append("stdw [%r10-").append(8 * k).append("], ").append(k).append('\n');
    }
    s.append("mov %r0, 0\n");
    for (int l = 0; l < loops; l++) {
      s.append("mov %r6, 100\nloop").append(l).append(":\n");
      for (int i = 0; i < ops; i++) {
        int k = 1 + i % 8;
        s.append(i % 2 == 0
            ? "ldxdw %r2, [%r10-" + 8 * k + "]\nadd %r0, %r2\n"
            : "stxdw [%r10-" + 8 * k + "], %r0\n");
      }
      s.append("sub %r6, 1\njne %r6, 0, loop").append(l).append('\n');
    }
    return s.append("exit\n").toString();
  }
}
