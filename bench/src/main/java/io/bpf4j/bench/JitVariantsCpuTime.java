package io.bpf4j.bench;

import io.bpf4j.isa.InsnCodec;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of JIT variants in one JVM, in thread CPU time: each variant is one benchmark program
 * compiled with its own system properties set (read by the JIT at compile time) and run on its
 * own copy of the packet, all warmed up, then timed in many short interleaved rounds; prints
 * min / p25 / median ns per run of each. {@code java -cp bench/target/benchmarks.jar
 * io.bpf4j.bench.JitVariantsCpuTime PROGRAM ROUNDS ROUND_MS VARIANT...}, a variant being {@code
 * [NAME:][PROP=VALUE[,PROP=VALUE...]][@DATA]}: NAME another benchmark program than PROGRAM
 * ({@code jit_NAME.bin}), DATA {@code random} (the packet as it is, the
 * default), {@code sorted} or {@code reversed} (its first 32 little-endian words sorted, for the
 * sort benchmark's branch behaviour); {@code -} is the default compilation, {@code ~} the
 * previous variant's compiled program (the same machine code) on other data. Also prints, for
 * each variant after the first, its per-round ratio to the first (p10 / median / p90), and with
 * {@code -Dbench.rounds=true} every round's ns per run.
 */
public final class JitVariantsCpuTime {
  private JitVariantsCpuTime() {}

  private record Variant(String label, JitProgram program, long ctx, long[] samples) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: JitVariantsCpuTime PROGRAM ROUNDS ROUND_MS VARIANT...");
      System.exit(2);
    }
    String name = args[0];
    int rounds = Integer.parseInt(args[1]);
    long roundNanos = Long.parseLong(args[2]) * 1_000_000L;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Variant> variants = new ArrayList<>();
    for (int v = 3; v < args.length; v++) {
      String spec = args[v];
      int colon = spec.indexOf(':');
      byte[] code = JitBench.resource(
          "jit/jit_" + (colon < 0 ? name : spec.substring(0, colon)) + ".bin");
      String rest = spec.substring(colon + 1);
      int at = rest.indexOf('@');
      String props = at < 0 ? rest : rest.substring(0, at);
      String data = at < 0 ? "random" : rest.substring(at + 1);
      List<String[]> saved = new ArrayList<>();
      if (!props.isEmpty() && !props.equals("-") && !props.equals("~")) {
        for (String kv : props.split(",")) {
          String[] p = kv.split("=", 2);
          saved.add(new String[] {p[0], System.getProperty(p[0])});
          System.setProperty(p[0], p[1]);
        }
      }
      JitProgram p = props.equals("~")
          ? variants.get(variants.size() - 1).program
          : JitBench.compileVerified(code, colon < 0 ? name : spec.substring(0, colon));
      for (String[] s : saved) {
        if (s[1] == null) {
          System.clearProperty(s[0]);
        } else {
          System.setProperty(s[0], s[1]);
        }
      }
      long ctx = JitBench.xdpContext();
      arrange(ctx, data);
      variants.add(new Variant(spec, p, ctx, new long[rounds]));
    }
    long sink = 0;
    // warm-up: about 2 s of CPU per variant, interleaved in batches
    long start = threads.getCurrentThreadCpuTime();
    while (threads.getCurrentThreadCpuTime() - start < 2_000_000_000L * variants.size()) {
      for (Variant v : variants) {
        for (int i = 0; i < 1000; i++) {
          sink += v.program.run(v.ctx, 24);
        }
      }
    }
    // calibrate: runs per round for the first variant
    Variant first = variants.get(0);
    long reps = 1;
    for (;;) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (long i = 0; i < reps; i++) {
        sink += first.program.run(first.ctx, 24);
      }
      if (threads.getCurrentThreadCpuTime() - t0 > roundNanos || reps >= 1L << 30) {
        break;
      }
      reps *= 2;
    }
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < variants.size(); k++) {
        Variant v = variants.get((k + r) % variants.size());
        long t0 = threads.getCurrentThreadCpuTime();
        for (long i = 0; i < reps; i++) {
          sink += v.program.run(v.ctx, 24);
        }
        v.samples[r] = threads.getCurrentThreadCpuTime() - t0;
      }
    }
    System.out.printf("A/B %s: %d rounds of %d runs, load %s%s%n", name, rounds, reps,
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim(),
        sink == 42 ? " " : "");
    for (Variant v : variants) {
      long[] s = v.samples.clone();
      Arrays.sort(s);
      System.out.printf("  %-40s result %d min %.1f p25 %.1f median %.1f ns/run%n", v.label,
          v.program.run(v.ctx, 24) & 0xffffffffL, s[0] / (double) reps,
          s[s.length / 4] / (double) reps, s[s.length / 2] / (double) reps);
    }
    // each round's variants ran back to back: the ratio to the first variant in the same
    // round leaves out most of what other processes did to that round
    for (int k = 1; k < variants.size(); k++) {
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = variants.get(k).samples[r] / (double) first.samples[r];
      }
      double[] sorted = ratio.clone();
      Arrays.sort(sorted);
      System.out.printf("  %-40s / %s per round: p10 %.3f median %.3f p90 %.3f%n",
          variants.get(k).label, first.label, sorted[rounds / 10], sorted[rounds / 2],
          sorted[rounds - 1 - rounds / 10]);
    }
    if (Boolean.getBoolean("bench.rounds")) {
      for (Variant v : variants) {
        StringBuilder b = new StringBuilder("  rounds " + v.label + ":");
        for (long x : v.samples) {
          b.append(String.format(" %.0f", x / (double) reps));
        }
        System.out.println(b);
      }
    }
  }

  /** Rearranges the packet's first 32 words for {@code sorted}/{@code reversed}. */
  private static void arrange(long ctx, String data) {
    if (data.equals("random")) {
      return;
    }
    MemorySegment pkt =
        MemorySegment.ofAddress(ctx + JitBench.PACKET_OFFSET).reinterpret(128);
    long[] w = new long[32];
    for (int i = 0; i < 32; i++) {
      w[i] = pkt.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) & 0xffffffffL;
    }
    Arrays.sort(w);
    for (int i = 0; i < 32; i++) {
      long x = data.equals("reversed") ? w[31 - i] : w[i];
      pkt.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, (int) x);
    }
    if (!data.equals("sorted") && !data.equals("reversed")) {
      throw new IllegalArgumentException("data: random, sorted or reversed, not " + data);
    }
  }
}
