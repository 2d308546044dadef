package io.bpf4j.bench;

import io.bpf4j.jvm.JvmEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The hash-map-heavy JIT benchmark ({@link JitMaps}) in thread CPU time, as {@link JitCpuTime}
 * times the others: 2 s warm-up, best of 5 rounds of about 0.3 s, after one run that fills the
 * flow table (the result is then the warm one, 64). Run by {@code bench/run-jit-bench.sh};
 * {@code java -cp bench/target/benchmarks.jar io.bpf4j.bench.JitMapsCpuTime [jit|interpreter]}
 * prints "jit maps result R cpu NS wall NS ns/op".
 */
public final class JitMapsCpuTime {
  private JitMapsCpuTime() {}

  public static void main(String[] args) throws Exception {
    JvmEngine engine = args.length > 0 && args[0].equals("interpreter")
        ? JvmEngine.INTERPRETER : JvmEngine.JIT;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    JitMaps m = JitMaps.load(engine);
    m.run(); // fills the table
    long result = m.run() & 0xffffffffL;
    long sink = 0;
    long start = threads.getCurrentThreadCpuTime();
    while (threads.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
      for (int i = 0; i < 100; i++) {
        sink += m.run();
      }
    }
    long reps = 1;
    for (;;) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (long i = 0; i < reps; i++) {
        sink += m.run();
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
        sink += m.run();
      }
      best = Math.min(best, (threads.getCurrentThreadCpuTime() - t0) / (double) reps);
      bestWall = Math.min(bestWall, (System.nanoTime() - w0) / (double) reps);
    }
    String name = engine == JvmEngine.JIT ? "jit" : "interpreter";
    System.out.printf("%s maps result %d cpu %.3f wall %.3f ns/op (compiled in %.3f ms)%s%n",
        name, result, best, bestWall, m.program.compileNanos() / 1e6, sink == 42 ? " " : "");
  }
}
