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
import java.util.List;

/**
 * The programs of {@link InterpreterBenchmark}, timed by the CPU time of the running thread
 * rather than the wall clock: on a machine shared with other work this is close to what the
 * interpreter costs on an idle core (wall-clock JMH scores grow with the load).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.bpf4j.bench.InterpreterCpuTime [SECONDS [PROGRAM MODE]]
 * </pre>
 *
 * <p>PROGRAM is one of aluLoop1000, byteChecksum1K, localCalls500 (hand-written loops) or
 * hash, primes, sort, calls (clang-compiled, {@link ClangLoops}); MODE is fast or checked.
 * Without PROGRAM and MODE it measures every program in both modes in one JVM, one after
 * the other (later ones pay for recompilations of the interpreter loop); with them, only that
 * one, as a JMH fork would.
 */
public final class InterpreterCpuTime {
  private InterpreterCpuTime() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    String onlyProgram = args.length > 2 ? args[1] : null;
    String onlyMode = args.length > 2 ? args[2] : null;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment in = arena.allocate(InterpreterBenchmark.BYTES, 8);
      for (int i = 0; i < InterpreterBenchmark.BYTES; i++) {
        in.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
      }
      ClangLoops.Context xdp = null;
      System.out.printf("%-16s %-8s %12s %12s%n", "program", "mode", "cpu ns/insn", "wall ns/insn");
      for (String mode : new String[] {"fast", "checked"}) {
        if (onlyMode != null && !onlyMode.equals(mode)) {
          continue;
        }
        InterpreterOptions o = mode.equals("fast") ? InterpreterOptions.fast()
            : InterpreterOptions.checkedMode().withBudget(Long.MAX_VALUE);
        if (onlyProgram == null || onlyProgram.equals("aluLoop1000")) {
          measure("aluLoop1000", mode, InterpreterBenchmark.aluLoop(), o, 0, 0, seconds, mx);
        }
        if (onlyProgram == null || onlyProgram.equals("byteChecksum1K")) {
          measure("byteChecksum1K", mode, InterpreterBenchmark.checksumLoop(), o, in.address(),
              InterpreterBenchmark.BYTES, seconds, mx);
        }
        if (onlyProgram == null || onlyProgram.equals("localCalls500")) {
          measure("localCalls500", mode, InterpreterBenchmark.callLoop(), o, 0, 0, seconds, mx);
        }
        for (String name : ClangLoops.NAMES) {
          if (onlyProgram == null || onlyProgram.equals(name)) {
            if (xdp == null) {
              xdp = new ClangLoops.Context();
            }
            measure(name, mode, ClangLoops.load(name, o, xdp), xdp.address, xdp.length,
                seconds, mx);
          }
        }
      }
    }
  }

  private static void measure(String name, String mode, List<Insn> prog, InterpreterOptions o,
      long ctx, long len, double seconds, ThreadMXBean mx) throws Exception {
    measure(name, mode, Interpreter.load(prog, HelperTable.empty(), o), ctx, len, seconds, mx);
  }

  private static void measure(String name, String mode, Interpreter vm, long ctx, long len,
      double seconds, ThreadMXBean mx) {
    long sink = 0;
    long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < warmEnd) {
      sink += vm.run(ctx, len);
    }
    long insns = 0;
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long end = wall0 + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        sink += vm.run(ctx, len);
      }
      insns += 100 * vm.lastInstructions();
    }
    long cpu = mx.getCurrentThreadCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    System.out.printf("%-16s %-8s %12.3f %12.3f%s%n", name, mode, cpu / (double) insns,
        wall / (double) insns, sink == 42 ? " " : "");
  }
}
