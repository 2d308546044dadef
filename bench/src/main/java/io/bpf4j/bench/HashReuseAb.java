package io.bpf4j.bench;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A/B in one JVM of how a preallocated hash map gives back replaced elements: "defer" (every
 * replaced element retired through {@code Rcu}, as {@code BPF_F_NO_PREALLOC} maps do; what all
 * hash maps did before) against "reuse" (the map's own elements reused at once, the kernel's
 * preallocated behaviour and the default). System property {@code bpf4j.maps.deferFrees} is
 * read when a map is created, so both variants are loaded side by side: the flow table
 * ({@link JitMaps}, ns per run of 64 lookups + 64 updates) and map_ops' hash update program
 * ({@link MapPrograms}, ns per update), with the JIT. After a 2 s warm-up of each, 15
 * interleaved rounds of about 60 ms each; min / p25 / median of thread CPU time.
 * {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.bpf4j.bench.HashReuseAb}
 */
public final class HashReuseAb {
  private HashReuseAb() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long sink;

  private record Variant(String name, JvmProgram prog, long ctx, int ops, double[] ns) {}

  public static void main(String[] args) throws Exception {
    Variant[] vs = new Variant[4];
    for (int i = 0; i < 2; i++) {
      boolean defer = i == 0;
      System.setProperty("bpf4j.maps.deferFrees", Boolean.toString(defer));
      String name = defer ? "defer" : "reuse";
      JitMaps flows = JitMaps.load(JvmEngine.JIT);
      vs[i] = new Variant("flows " + name, flows.program, flows.ctx, 1, new double[15]);
      JvmObject obj = MapPrograms.load(JvmEngine.JIT);
      vs[2 + i] = new Variant("hash-update " + name, MapPrograms.program(obj, "update", "hash"),
          MapPrograms.xdpContext(), MapPrograms.OPS, new double[15]);
    }
    System.clearProperty("bpf4j.maps.deferFrees");
    for (Variant v : vs) {
      v.prog.run(v.ctx, 24); // fills the map
      long t0 = THREADS.getCurrentThreadCpuTime();
      while (THREADS.getCurrentThreadCpuTime() - t0 < 2_000_000_000L) {
        for (int i = 0; i < 50; i++) {
          sink += v.prog.run(v.ctx, 24);
        }
      }
    }
    long[] reps = new long[vs.length];
    for (int k = 0; k < vs.length; k++) {
      long n = 1;
      for (;;) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (long i = 0; i < n; i++) {
          sink += vs[k].prog.run(vs[k].ctx, 24);
        }
        if (THREADS.getCurrentThreadCpuTime() - t0 > 60_000_000L) {
          break;
        }
        n *= 2;
      }
      reps[k] = n;
    }
    for (int round = 0; round < 15; round++) {
      for (int k = 0; k < vs.length; k++) {
        Variant v = vs[(k + round) % vs.length];
        long n = reps[(k + round) % vs.length];
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (long i = 0; i < n; i++) {
          sink += v.prog.run(v.ctx, 24);
        }
        v.ns[round] = (THREADS.getCurrentThreadCpuTime() - t0) / (double) n / v.ops;
      }
    }
    for (Variant v : vs) {
      double[] s = v.ns.clone();
      Arrays.sort(s);
      System.out.printf("ab %-18s min %9.1f p25 %9.1f median %9.1f ns%s%n", v.name, s[0],
          s[s.length / 4], s[s.length / 2], v.ops == 1 ? "/run" : "/op");
    }
    System.out.println(sink == 42 ? " " : "");
  }
}
