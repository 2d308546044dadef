package io.bpf4j.bench;

import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.TestRun;
import io.bpf4j.kernel.TestRunResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Map operations from a program, both sides, in one JVM on one machine: the programs of
 * {@code bench/bpf/map_ops.bpf.c} (1024 lookups or 1024 updates of a hash, array, lru_hash or
 * lpm_trie map per run) run
 *
 * <ul>
 *   <li>{@code kernel}: loaded by the kernel backend ({@link KernelObject}) and run with
 *       {@code BPF_PROG_TEST_RUN} and {@code repeat}; the time is the kernel's own average
 *       duration per run (needs root);
 *   <li>{@code jit}, {@code interpreter}: the same object on the JVM backend ({@link
 *       JvmObject}, verified, maps created by it), timed in thread CPU time (2 s warm-up,
 *       best of 5 rounds of about 0.3 s), which like the kernel's duration leaves out the
 *       time other processes take on a shared machine.
 * </ul>
 *
 * {@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.bpf4j.bench.MapProgCpuTime [kernel] [jit] [interpreter] [MAP...]} prints one line per
 * program: "mapprog SIDE OP MAP result R run NS op NS" (ns per run and per map operation).
 * Each side runs the update program first (it fills the map), then the lookup program.
 */
public final class MapProgCpuTime {
  private MapProgCpuTime() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final byte[] PACKET = new byte[64];

  public static void main(String[] args) throws Exception {
    List<String> sides = new ArrayList<>();
    List<String> maps = new ArrayList<>();
    for (String a : args) {
      if (List.of("kernel", "jit", "interpreter").contains(a)) {
        sides.add(a);
      } else if (MapPrograms.MAPS.contains(a)) {
        maps.add(a);
      } else {
        System.err.println("usage: MapProgCpuTime [kernel|jit|interpreter]... [MAP]...; maps: "
            + MapPrograms.MAPS);
        System.exit(2);
      }
    }
    if (sides.isEmpty()) {
      sides.addAll(List.of("kernel", "jit", "interpreter"));
    }
    if (maps.isEmpty()) {
      maps.addAll(MapPrograms.MAPS);
    }
    for (String side : sides) {
      if (side.equals("kernel")) {
        kernel(maps);
      } else {
        jvm(side.equals("jit") ? JvmEngine.JIT : JvmEngine.INTERPRETER, maps);
      }
    }
  }

  private static void kernel(List<String> maps) throws Exception {
    ObjectSpec spec = MapPrograms.object();
    KernelObject obj;
    try {
      obj = KernelObject.load(spec);
    } catch (RuntimeException e) {
      System.out.println("mapprog kernel skipped: " + e.getMessage());
      return;
    }
    try (obj) {
      for (String map : maps) {
        for (String op : List.of("update", "lookup")) {
          KernelProgram p = obj.program(op + "_" + map);
          TestRun once = TestRun.of(PACKET);
          long result = p.testRun(once).retvalUnsigned();
          // warm up about 1 s, calibrate a repeat count to about 0.3 s, best of 5
          int repeat = 16;
          long t0 = System.nanoTime();
          while (System.nanoTime() - t0 < 1_000_000_000L) {
            p.testRun(once.withRepeat(repeat));
          }
          for (;;) {
            TestRunResult r = p.testRun(once.withRepeat(repeat));
            if ((long) r.durationNs() * repeat > 300_000_000L || repeat >= 1 << 24) {
              break;
            }
            repeat *= 2;
          }
          double best = Double.MAX_VALUE;
          for (int round = 0; round < 5; round++) {
            best = Math.min(best, p.testRun(once.withRepeat(repeat)).durationNs());
          }
          print("kernel", op, map, result, best);
        }
      }
    }
  }

  private static void jvm(JvmEngine engine, List<String> maps) throws Exception {
    JvmObject obj = MapPrograms.load(engine);
    long ctx = MapPrograms.xdpContext();
    String side = engine.name().toLowerCase(java.util.Locale.ROOT);
    for (String map : maps) {
      for (String op : List.of("update", "lookup")) {
        JvmProgram p = MapPrograms.program(obj, op, map);
        long result = p.run(ctx, 24) & 0xffffffffL;
        print(side, op, map, result, cpuTime(p, ctx));
      }
    }
    obj.maps().values().forEach(m -> m.close());
  }

  /** Best CPU time of one run, ns: 2 s warm-up, then best of 5 rounds of about 0.3 s. */
  static double cpuTime(JvmProgram p, long ctx) {
    long sink = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    while (THREADS.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
      for (int i = 0; i < 10; i++) {
        sink += p.run(ctx, 24);
      }
    }
    long reps = 1;
    for (;;) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (long i = 0; i < reps; i++) {
        sink += p.run(ctx, 24);
      }
      if (THREADS.getCurrentThreadCpuTime() - t0 > 300_000_000L || reps >= 1L << 30) {
        break;
      }
      reps *= 2;
    }
    double[] rounds = new double[5];
    for (int round = 0; round < rounds.length; round++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (long i = 0; i < reps; i++) {
        sink += p.run(ctx, 24);
      }
      rounds[round] = (THREADS.getCurrentThreadCpuTime() - t0) / (double) reps;
    }
    if (sink == 42) {
      System.out.print(" ");
    }
    return Arrays.stream(rounds).min().orElseThrow();
  }

  private static void print(String side, String op, String map, long result, double perRun) {
    System.out.printf("mapprog %-11s %-6s %-8s result %4d run %10.0f op %8.1f ns%n",
        side, op, map, result, perRun, perRun / MapPrograms.OPS);
  }
}
