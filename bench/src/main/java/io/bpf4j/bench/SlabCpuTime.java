package io.bpf4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.function.LongSupplier;

/**
 * The alloc+free pairs of {@link SlabBench} timed by each thread's CPU time as well as by the
 * wall clock. On a machine shared with other work, wall-clock figures mostly measure the
 * share of the CPU the benchmark got; CPU time per pair stays close to the real cost, and a
 * rise of it with two threads shows contention (shared cache lines, locks).
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED
 * --sun-misc-unsafe-memory-access=allow -cp bench/target/benchmarks.jar
 * io.bpf4j.bench.SlabCpuTime [pairs per thread]}
 */
public final class SlabCpuTime {
  private SlabCpuTime() {}

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  /** Prints one line per allocator and thread count. */
  public static void main(String[] args) throws Exception {
    long pairs = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
    SlabBench b = new SlabBench();
    List<Object[]> cases = List.of(
        new Object[] {"slab", (LongSupplier) b::slab},
        new Object[] {"baseline (empty op)", (LongSupplier) () -> 1L},
        new Object[] {"malloc", (LongSupplier) () -> {
          try {
            return b.malloc();
          } catch (Throwable t) {
            throw new IllegalStateException(t);
          }
        }},
        new Object[] {"arenaConfined", (LongSupplier) b::arenaConfined},
        new Object[] {"nettyPooledDirect", (LongSupplier) b::nettyPooledDirect});
    System.out.println("allocator           threads  cpu ns/pair (min, median of 5)  wall ns/pair"
        + " (median)");
    for (Object[] c : cases) {
      String name = (String) c[0];
      LongSupplier op = (LongSupplier) c[1];
      long n = name.startsWith("slab") || name.startsWith("baseline") ? pairs : pairs / 10;
      run(op, 1, n / 5); // warm-up
      for (int threads = 1; threads <= 2; threads++) {
        double[] cpu = new double[5];
        double[] wall = new double[5];
        for (int k = 0; k < 5; k++) {
          double[] r = run(op, threads, n / 5);
          cpu[k] = r[0];
          wall[k] = r[1];
        }
        java.util.Arrays.sort(cpu);
        java.util.Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%-20s %7d %12.2f %8.2f %23.2f%n", name, threads, cpu[0],
            cpu[2], wall[2]);
      }
    }
  }

  /** Returns CPU ns per pair (mean over threads) and wall ns per pair per thread. */
  private static double[] run(LongSupplier op, int threads, long n) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    long[] cpu = new long[threads];
    long[] sink = new long[threads];
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int me = t;
      ts.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        long c0 = MX.getCurrentThreadCpuTime();
        long s = 0;
        for (long i = 0; i < n; i++) {
          s += op.getAsLong();
        }
        cpu[me] = MX.getCurrentThreadCpuTime() - c0;
        sink[me] = s;
      }));
    }
    start.await();
    long w0 = System.nanoTime();
    for (Thread t : ts) {
      t.join();
    }
    long wall = System.nanoTime() - w0;
    long cpuSum = 0;
    for (long c : cpu) {
      cpuSum += c;
    }
    if (sink[0] == 42) {
      System.out.print("");
    }
    return new double[] {cpuSum / (double) threads / n, wall / (double) n};
  }
}
