package io.bpf4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of two builds of the interpreter in one JVM: each {@code benchmarks.jar} is loaded by a
 * class loader of its own, so each build's loop is compiled by C2 on its own profile, as in a
 * JVM of its own, but both are timed in the same minutes, interleaved (thread CPU time per
 * executed instruction: every round in the order run, then min / p25 / median of the rounds, B/A
 * of the medians). Unlike {@link InterpreterAB}, which compares two decoded forms of a program on
 * the same loop, this also shows what a change to the loop's code does to programs that do not
 * use the change.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.bpf4j.bench.InterpreterBuildAB A.jar B.jar PROGRAM WARMUP_S ROUNDS ROUND_MS
 * </pre>
 *
 * <p>PROGRAM as for {@link InterpreterCpuTime}; fast mode. The builds are called through
 * reflection (a few ns per run of thousands of instructions).
 */
public final class InterpreterBuildAB {
  private InterpreterBuildAB() {}

  private interface Run {
    long run() throws Exception;
  }

  public static void main(String[] a) throws Exception {
    String[] jars = {a[0], a[1]};
    String prog = a[2];
    double warm = Double.parseDouble(a[3]);
    int rounds = Integer.parseInt(a[4]);
    double roundMs = Double.parseDouble(a[5]);
    Run[] runs = new Run[2];
    long[] counts = new long[2];
    for (int v = 0; v < 2; v++) {
      @SuppressWarnings("resource") // the classes stay in use until the JVM exits
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(jars[v]).toUri().toURL()},
          ClassLoader.getPlatformClassLoader());
      Class<?> opts = cl.loadClass("io.bpf4j.vm.InterpreterOptions");
      Object fast = opts.getMethod("fast").invoke(null);
      Class<?> interp = cl.loadClass("io.bpf4j.vm.Interpreter");
      Object vm;
      long ctx = 0;
      long len = 0;
      if (prog.equals("aluLoop1000") || prog.equals("localCalls500")
          || prog.equals("byteChecksum1K")) {
        Class<?> ib = cl.loadClass("io.bpf4j.bench.InterpreterBenchmark");
        String m = prog.equals("aluLoop1000") ? "aluLoop"
            : prog.equals("localCalls500") ? "callLoop" : "checksumLoop";
        Method pm = ib.getDeclaredMethod(m);
        pm.setAccessible(true);
        Object insns = pm.invoke(null);
        Class<?> ht = cl.loadClass("io.bpf4j.vm.HelperTable");
        Object empty = ht.getMethod("empty").invoke(null);
        vm = interp.getMethod("load", List.class, ht, opts).invoke(null, insns, empty, fast);
        if (prog.equals("byteChecksum1K")) {
          MemorySegment in = Arena.global().allocate(InterpreterBenchmark.BYTES, 8);
          for (int i = 0; i < InterpreterBenchmark.BYTES; i++) {
            in.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
          }
          ctx = in.address();
          len = InterpreterBenchmark.BYTES;
        }
      } else {
        Class<?> cls = cl.loadClass("io.bpf4j.bench.ClangLoops");
        Class<?> cc = cl.loadClass("io.bpf4j.bench.ClangLoops$Context");
        var cons = cc.getDeclaredConstructor();
        cons.setAccessible(true);
        Object c = cons.newInstance();
        var fa = cc.getDeclaredField("address");
        fa.setAccessible(true);
        var fl = cc.getDeclaredField("length");
        fl.setAccessible(true);
        ctx = fa.getLong(c);
        len = fl.getLong(c);
        Method lm = cls.getDeclaredMethod("load", String.class, opts, cc);
        lm.setAccessible(true);
        vm = lm.invoke(null, prog, fast, c);
      }
      Method run = interp.getMethod("run", long.class, long.class);
      Method last = interp.getMethod("lastInstructions");
      final Object fvm = vm;
      final long fctx = ctx;
      final long flen = len;
      runs[v] = () -> (long) run.invoke(fvm, fctx, flen);
      runs[v].run();
      counts[v] = (long) last.invoke(vm);
    }
    if (counts[0] != counts[1]) {
      throw new IllegalStateException(Arrays.toString(counts));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    long end = System.nanoTime() + (long) (warm * 1e9);
    while (System.nanoTime() < end) {
      for (int v = 0; v < 2; v++) {
        long e = System.nanoTime() + 20_000_000;
        while (System.nanoTime() < e) {
          sink += runs[v].run();
        }
      }
    }
    double[][] ns = new double[2][rounds];
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < 2; k++) {
        int v = (i + k) % 2;
        long c0 = mx.getCurrentThreadCpuTime();
        long n = 0;
        long e = System.nanoTime() + (long) (roundMs * 1e6);
        while (System.nanoTime() < e) {
          sink += runs[v].run();
          n++;
        }
        ns[v][i] = (mx.getCurrentThreadCpuTime() - c0) / (double) (n * counts[v]);
      }
    }
    double[] med = new double[2];
    for (int v = 0; v < 2; v++) {
      StringBuilder all = new StringBuilder();
      for (double x : ns[v]) {
        all.append(String.format(" %.2f", x));
      }
      System.out.printf("%-15s %-2s rounds%s%n", prog, v == 0 ? "A" : "B", all);
      Arrays.sort(ns[v]);
      med[v] = ns[v][rounds / 2];
      System.out.printf("%-15s %-2s %-24s min %.3f p25 %.3f median %.3f%s%n", prog,
          v == 0 ? "A" : "B", jars[v], ns[v][0], ns[v][rounds / 4], med[v], sink == 42 ? " " : "");
    }
    System.out.printf("%-15s B/A median %.3f%n", prog, med[1] / med[0]);
  }
}
