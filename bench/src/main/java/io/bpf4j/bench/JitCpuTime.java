package io.bpf4j.bench;

import io.bpf4j.isa.InsnCodec;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The JIT benchmarks timed in thread CPU time, like the native harness ({@code
 * bench/native/harness.c}) and like the kernel's {@code BPF_PROG_TEST_RUN} duration, which
 * both leave out the time other processes take on a shared machine (JMH measures wall time).
 * Run by {@code bench/run-jit-bench.sh}: {@code java -cp bench/target/benchmarks.jar
 * io.bpf4j.bench.JitCpuTime [NAME...]}. Prints "jit NAME result R cpu NS wall NS ns/op".
 */
public final class JitCpuTime {
  private JitCpuTime() {}

  public static void main(String[] args) throws Exception {
    String[] names = args.length > 0
        ? args : new String[] {"empty", "hash", "primes", "sort", "calls", "parse"};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long ctx = JitBench.xdpContext();
    for (String name : names) {
      JitProgram p = JitBench.compileVerified(JitBench.resource("jit/jit_" + name + ".bin"), name);
      long result = p.run(ctx, 24) & 0xffffffffL;
      // warm up for about 2 s of CPU in short batches, then calibrate to about 0.3 s a round
      long sink = 0;
      long start = threads.getCurrentThreadCpuTime();
      while (threads.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
        for (int i = 0; i < 1000; i++) {
          sink += p.run(ctx, 24);
        }
      }
      long reps = 1;
      for (;;) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (long i = 0; i < reps; i++) {
          sink += p.run(ctx, 24);
        }
        if (threads.getCurrentThreadCpuTime() - t0 > 300_000_000L || reps >= 1L << 30) {
          break;
        }
        reps *= 2;
      }
      double best = Double.MAX_VALUE;
      double bestWall = Double.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long t0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (long i = 0; i < reps; i++) {
          sink += p.run(ctx, 24);
        }
        best = Math.min(best, (threads.getCurrentThreadCpuTime() - t0) / (double) reps);
        bestWall = Math.min(bestWall, (System.nanoTime() - w0) / (double) reps);
      }
      System.out.printf("jit %s result %d cpu %.3f wall %.3f ns/op (compiled in %.3f ms)%s%n",
          name, result, best, bestWall, p.compileNanos() / 1e6, sink == 42 ? " " : "");
    }
  }
}
