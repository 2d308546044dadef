package io.bpf4j.bench;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.KernelObject;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.TestRun;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * The JIT against native C and the kernel's JIT in <em>one</em> process, in interleaved rounds,
 * so that the three see the same machine at the same time: on this shared VM a program's
 * figure moves by up to 1.6× from one minute to the next (docs/PERFORMANCE.md, "Why primes
 * swings"), which made the ratios of separate runs ({@code bench/run-jit-bench.sh}) depend on
 * when each ran. Per program: the JIT as in {@link JitCpuTime} (the same program order, 2 s
 * of warm-up), native C through FFM from {@code bench/target/libjitnative.so} ({@code
 * bench/native/harness.c} built with {@code -DJITBENCH_LIB}: the same gcc -O2 loop as {@code
 * jit-native}), the kernel through {@code BPF_PROG_TEST_RUN} with a repeat count (its own
 * average duration, like {@code bpftool prog run}; needs root, else left out); then ROUNDS
 * rounds, each timing a batch of about ROUND_MS of every engine in a rotating order. Prints
 * each engine's min / median ns per run, and for JIT / native and JIT / kernel the median and
 * the 10th and 90th percentiles of the per-round ratios and the ratio of the best rounds.
 *
 * <p>{@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.bpf4j.bench.JitRatioCpuTime ROUNDS ROUND_MS NAME...} from the repository root (names:
 * empty hash primes sort sortmask calls parse maps); {@code NAME:CNAME} times the native
 * kernel CNAME against the program NAME ({@code primes:primesfp}: the C of primes with the
 * JIT's divisibility test); {@code -v} first prints every round.
 */
public final class JitRatioCpuTime {
  private JitRatioCpuTime() {}

  public static void main(String[] args) throws Throwable {
    boolean verbose = args.length > 0 && args[0].equals("-v");
    if (verbose) {
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    if (args.length < 3) {
      System.err.println("usage: JitRatioCpuTime [-v] ROUNDS ROUND_MS NAME...");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[0]);
    long roundNanos = Long.parseLong(args[1]) * 1_000_000L;
    if (!Files.exists(NativeKernels.LIBRARY)) {
      System.err.println("missing " + NativeKernels.LIBRARY + ": gcc -O2 -shared -fPIC "
          + "-DJITBENCH_LIB -o " + NativeKernels.LIBRARY + " bench/native/harness.c");
      System.exit(2);
    }
    byte[] packet = JitBench.resource("jit/packet.bin");
    NativeKernels natives = new NativeKernels(NativeKernels.LIBRARY, packet, Arena.global());
    boolean root = Files.isWritable(Path.of("/sys/fs/bpf"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("rounds %d of about %d ms per engine; load %s%n", rounds, roundNanos / 1000000,
        Files.readString(Path.of("/proc/loadavg")).trim());
    for (int a = 2; a < args.length; a++) {
      String name = args[a];
      String nativeName = name;
      int colon = name.indexOf(':');
      if (colon >= 0) {
        nativeName = name.substring(colon + 1);
        name = name.substring(0, colon);
      }
      // the JIT: as JitCpuTime (raw code), or the flow table through the JVM backend
      LongUnaryOperator jit;
      long jitResult;
      if (name.equals("maps")) {
        JitMaps m = JitMaps.load(JvmEngine.JIT);
        m.run(); // fills the table
        jit = reps -> mapsBatch(m, reps);
        jitResult = m.run() & 0xffffffffL;
      } else {
        JitProgram p = JitBench.compileVerified(JitBench.resource("jit/jit_" + name + ".bin"), name);
        long ctx = JitBench.xdpContext();
        jit = reps -> jitBatch(p, ctx, reps);
        jitResult = p.run(ctx, 24) & 0xffffffffL;
      }
      MemorySegment cname = natives.name(nativeName);
      LongUnaryOperator nat = reps -> natives.run(cname, reps);
      long natResult = nat.applyAsLong(1);
      if (name.equals("maps")) {
        natResult = nat.applyAsLong(1); // the warm table's result
      }
      KernelObject kobj = null;
      KernelProgram kprog = null;
      long kResult = -1;
      if (root) {
        try {
          Path obj = Path.of("bench/bpf/jit_" + name + ".bpf.o");
          kobj = KernelObject.load(ObjectReader.read(obj));
          kprog = kobj.program("jit_" + name);
          kprog.testRun(TestRun.of(packet)); // fills the flow table
          kResult = kprog.testRun(TestRun.of(packet)).retvalUnsigned();
        } catch (Exception e) {
          System.out.println("kernel " + name + ": " + e.getMessage());
          kprog = null;
        }
      }
      // warm up the JIT for about 2 s of CPU, as JitCpuTime
      long sink = 0;
      long start = threads.getCurrentThreadCpuTime();
      while (threads.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
        sink += jit.applyAsLong(name.equals("maps") ? 100 : 1000);
      }
      long reps = 1;
      for (;;) {
        long t0 = threads.getCurrentThreadCpuTime();
        sink += jit.applyAsLong(reps);
        if (threads.getCurrentThreadCpuTime() - t0 > roundNanos || reps >= 1L << 30) {
          break;
        }
        reps *= 2;
      }
      // the kernel's batch: about as long as the JIT's (it is up to 10 times slower)
      int kReps = 0;
      if (kprog != null) {
        long probeNs = kprog.testRun(TestRun.of(packet).withRepeat(1000)).durationNs();
        double jitNs = timeJit(threads, jit, reps) / (double) reps;
        kReps = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2,
            reps * jitNs / Math.max(1, probeNs)));
      }
      double[] tj = new double[rounds];
      double[] tn = new double[rounds];
      double[] tk = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 3; k++) {
          switch ((k + r) % 3) {
            case 0 -> {
              long t0 = threads.getCurrentThreadCpuTime();
              sink += jit.applyAsLong(reps);
              tj[r] = (threads.getCurrentThreadCpuTime() - t0) / (double) reps;
            }
            case 1 -> {
              long t0 = threads.getCurrentThreadCpuTime();
              sink += nat.applyAsLong(reps);
              tn[r] = (threads.getCurrentThreadCpuTime() - t0) / (double) reps;
            }
            default -> {
              if (kprog != null) {
                tk[r] = kprog.testRun(TestRun.of(packet).withRepeat(kReps)).durationNs();
              }
            }
          }
        }
        if (verbose) {
          System.out.printf("  %s round %d: jit %.1f native %.1f kernel %.1f%n", name, r, tj[r],
              tn[r], tk[r]);
        }
      }
      double[] rn = new double[rounds];
      double[] rk = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        rn[r] = tj[r] / tn[r];
        rk[r] = kprog == null ? Double.NaN : tj[r] / tk[r];
      }
      System.out.printf("%-8s jit %s  native %s  kernel %s%n", args[a], summary(tj), summary(tn),
          kprog == null ? "-" : summary(tk));
      System.out.printf("%-8s jit/native %s  jit/kernel %s  results %d/%d/%d%s%n", "",
          ratios(rn, min(tj) / min(tn)),
          kprog == null ? "-" : ratios(rk, min(tj) / min(tk)), jitResult, natResult, kResult,
          sink == 42 ? " " : "");
      if (kobj != null) {
        kobj.close();
      }
    }
  }

  /**
   * A batch of runs. The result is mixed with the loop counter: C2 inlines the empty
   * program's run (return 2) and would otherwise fold the loop into one multiplication.
   */
  private static long jitBatch(JitProgram p, long ctx, long reps) {
    long s = 0;
    for (long i = 0; i < reps; i++) {
      s += p.run(ctx, 24) ^ i;
    }
    return s;
  }

  private static long mapsBatch(JitMaps m, long reps) {
    long s = 0;
    for (long i = 0; i < reps; i++) {
      s += m.run() ^ i;
    }
    return s;
  }

  private static long timeJit(ThreadMXBean threads, LongUnaryOperator jit, long reps) {
    long t0 = threads.getCurrentThreadCpuTime();
    jit.applyAsLong(reps);
    return threads.getCurrentThreadCpuTime() - t0;
  }

  /** min / median ns per run. */
  private static String summary(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return String.format("min %.1f med %.1f", s[0], s[s.length / 2]);
  }

  /** The median [p10..p90] of the per-round ratios, then the ratio of the best rounds. */
  private static String ratios(double[] r, double best) {
    double[] s = r.clone();
    Arrays.sort(s);
    int n = s.length;
    return String.format("%.3f [%.3f..%.3f] best/best %.3f", s[n / 2], s[n / 10],
        s[n - 1 - n / 10], best);
  }

  private static double min(double[] t) {
    return Arrays.stream(t).min().orElse(Double.NaN);
  }
}
