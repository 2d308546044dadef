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
 * alternating, compiled by the JIT with each {@code bpf4j.jit.loopCopies} value given, timed in
 * 15 interleaved rounds of 20,000 runs (wall clock, median and best ns per run). Past about 250
 * instructions the function is cut into regions (docs/jit.md, "Large programs").
 * {@code java -Dloops=8 -cp bench/target/benchmarks.jar io.bpf4j.bench.JitLoopsCpuTime 20 1 4}
 */
public final class JitLoopsCpuTime {
  private JitLoopsCpuTime() {}

  public static void main(String[] a) throws Exception {
    int ops = Integer.parseInt(a[0]);
    StringBuilder s = new StringBuilder();
    for (int k = 1; k <= 8; k++) s.append("stdw [%r10-" + 8*k + "], " + k + "\n");
    s.append("mov %r0, 0\n");
    int loops = Integer.getInteger("loops", 1);
    for (int l = 0; l < loops; l++) {
    s.append("mov %r6, 100\nloop" + l + ":\n");
    for (int i = 0; i < ops; i++) {
      int k = 1 + (i % 8);
      s.append((i % 2 == 0 ? "ldxdw %r2, [%r10-" + 8*k + "]\nadd %r0, %r2\n" : "stxdw [%r10-" + 8*k + "], %r0\n"));
    }
    s.append("sub %r6, 1\njne %r6, 0, loop" + l + "\n");
    }
    s.append("exit\n");
    List<Insn> prog = Assembler.assemble(s.toString());
    String[] variants = a.length > 1 ? Arrays.copyOfRange(a, 1, a.length) : new String[]{"1","4"};
    JitProgram[] ps = new JitProgram[variants.length];
    for (int v = 0; v < variants.length; v++) {
      System.setProperty("bpf4j.jit.loopCopies", variants[v]);
      ps[v] = JitCompiler.compile(prog, HelperTable.empty());
    }
    long[][] t = new long[variants.length][15];
    for (int round = 0; round < 15; round++) {
      for (int v = 0; v < variants.length; v++) {
        long t0 = System.nanoTime(); long x = 0;
        for (int i = 0; i < 20000; i++) x += ps[v].run(0, 0);
        t[v][round] = (System.nanoTime() - t0) / 20000;
        if (x == 42) System.out.print("");
      }
    }
    for (int v = 0; v < variants.length; v++) { long[] r = t[v].clone(); Arrays.sort(r); System.out.println("insns " + prog.size() + " copies " + variants[v] + " median ns/run " + r[7] + " min " + r[0]); }
  }
}
