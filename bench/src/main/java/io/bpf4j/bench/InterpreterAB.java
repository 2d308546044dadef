package io.bpf4j.bench;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of two interpreter variants in one JVM: variant A is loaded with the system property
 * {@code KEY=A}, B with {@code KEY=B} (read when a program is loaded, e.g. {@code
 * bpf4j.interp.fusion} = none, basic, all); both are warmed up, then timed in interleaved short
 * rounds by the CPU time of this thread. Prints min / p25 / median ns per executed instruction
 * of each and B / A of the medians. Checks first that both give the same r0 and count.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.bpf4j.bench.InterpreterAB WARMUP_S ROUNDS ROUND_MS PROGRAM MODE KEY A B
 * java ... io.bpf4j.bench.InterpreterAB 4 16 150 hash fast bpf4j.interp.fusion basic all
 * </pre>
 *
 * <p>Even the same variant twice differs by up to ±7 % here (two instances have their own
 * registers and stack, at other addresses): treat smaller differences as noise.
 */
public final class InterpreterAB {
  private InterpreterAB() {}

  public static void main(String[] args) throws Exception {
    double warm = Double.parseDouble(args[0]);
    int rounds = Integer.parseInt(args[1]);
    double roundMs = Double.parseDouble(args[2]);
    String name = args[3];
    String mode = args[4];
    String key = args[5];
    String[] values = {args[6], args[7]};
    InterpreterOptions o = mode.equals("fast") ? InterpreterOptions.fast()
        : InterpreterOptions.checkedMode().withBudget(Long.MAX_VALUE);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment in = arena.allocate(InterpreterBenchmark.BYTES, 8);
      for (int i = 0; i < InterpreterBenchmark.BYTES; i++) {
        in.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
      }
      long ctx;
      long len;
      Interpreter[] vm = new Interpreter[2];
      ClangLoops.Context xdp = null;
      for (int v = 0; v < 2; v++) {
        System.setProperty(key, values[v]);
        List<Insn> prog = switch (name) {
          case "aluLoop1000" -> InterpreterBenchmark.aluLoop();
          case "byteChecksum1K" -> InterpreterBenchmark.checksumLoop();
          case "localCalls500" -> InterpreterBenchmark.callLoop();
          default -> null;
        };
        if (prog != null) {
          vm[v] = Interpreter.load(prog, HelperTable.empty(), o);
        } else {
          if (xdp == null) {
            xdp = new ClangLoops.Context();
          }
          vm[v] = ClangLoops.load(name, o, xdp);
        }
      }
      if (name.equals("byteChecksum1K")) {
        ctx = in.address();
        len = InterpreterBenchmark.BYTES;
      } else if (xdp != null) {
        ctx = xdp.address;
        len = xdp.length;
      } else {
        ctx = 0;
        len = 0;
      }
      long[] counts = new long[2];
      long r0 = 0;
      for (int v = 0; v < 2; v++) {
        r0 = vm[v].run(ctx, len);
        counts[v] = vm[v].lastInstructions();
      }
      if (counts[0] != counts[1] || vm[0].run(ctx, len) != vm[1].run(ctx, len)) {
        throw new IllegalStateException("variants differ: " + Arrays.toString(counts));
      }
      long sink = 0;
      long warmEnd = System.nanoTime() + (long) (warm * 1e9);
      while (System.nanoTime() < warmEnd) {
        for (int v = 0; v < 2; v++) {
          long e = System.nanoTime() + 20_000_000;
          while (System.nanoTime() < e) {
            sink += vm[v].run(ctx, len);
          }
        }
      }
      int batch = (int) Math.max(1, 2_000_000 / counts[0]);
      double[][] ns = new double[2][rounds];
      for (int i = 0; i < rounds; i++) {
        for (int k = 0; k < 2; k++) {
          int v = (i + k) % 2;
          long cpu0 = mx.getCurrentThreadCpuTime();
          long runs = 0;
          long end = System.nanoTime() + (long) (roundMs * 1e6);
          while (System.nanoTime() < end) {
            for (int j = 0; j < batch; j++) {
              sink += vm[v].run(ctx, len);
            }
            runs += batch;
          }
          ns[v][i] = (mx.getCurrentThreadCpuTime() - cpu0) / (double) (runs * counts[v]);
        }
      }
      double[] med = new double[2];
      for (int v = 0; v < 2; v++) {
        Arrays.sort(ns[v]);
        med[v] = ns[v][rounds / 2];
        System.out.printf("%-15s %-7s %-8s  min %.3f  p25 %.3f  median %.3f%s%n", name, mode,
            (v == 0 ? "A " : "B ") + values[v], ns[v][0], ns[v][rounds / 4], med[v], sink == r0 ? " " : "");
      }
      System.out.printf("%-15s %-7s B/A median %.3f%n", name, mode, med[1] / med[0]);
    }
  }
}
