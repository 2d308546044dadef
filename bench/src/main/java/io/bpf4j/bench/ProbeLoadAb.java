package io.bpf4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A/B of builds of {@code io.bpf4j.vm.ProbeLoads} (the probe loads of BTF-typed pointers) in
 * one JVM, in thread CPU time: each class path gets its own class loader, registers N blocks
 * of 3,264 bytes (a task_struct's size) and then reads 8 bytes at varying offsets of one of
 * them, in interleaved rounds with a plain {@code MemorySegment} load of the same addresses
 * as the baseline. Prints ns per load of every round of every variant and the load average.
 * The variants are called through a method handle that is not a constant (one per class
 * loader), which the plain load is not: compare the variants with each other.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.bpf4j.bench.ProbeLoadAb 1000 /tmp/old-classes core/target/classes
 * </pre>
 *
 * System properties: {@code ab.rounds} (default 8), {@code ab.loads} (10,000,000 per round).
 */
public final class ProbeLoadAb {
  private ProbeLoadAb() {}

  private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
  private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

  public static void main(String[] args) throws Throwable {
    int n = Integer.parseInt(args[0]);
    int rounds = Integer.getInteger("ab.rounds", 8);
    int loads = Integer.getInteger("ab.loads", 10_000_000);
    List<MethodHandle> variants = new ArrayList<>();
    long addr = 0;
    for (int v = 1; v < args.length; v++) {
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(args[v]).toUri().toURL()},
          ProbeLoadAb.class.getClassLoader().getParent());
      Class<?> c = Class.forName("io.bpf4j.vm.ProbeLoads", true, cl);
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      MethodHandle reg = l.findStatic(c, "register",
          MethodType.methodType(void.class, MemorySegment.class));
      MemorySegment[] blocks = new MemorySegment[n];
      for (int i = 0; i < n; i++) {
        blocks[i] = Arena.global().allocate(3264, 8);
        reg.invokeExact(blocks[i]);
      }
      addr = blocks[n / 2].address();
      variants.add(l.findStatic(c, "load", MethodType.methodType(long.class, long.class,
          int.class)));
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      StringBuilder sb = new StringBuilder("round " + r + ":");
      for (int v = 0; v < variants.size(); v++) {
        MethodHandle load = variants.get(v);
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < loads; i++) {
          sink += (long) load.invokeExact(addr + (i & 1016), 8);
        }
        sb.append(String.format(" %s %.2f", args[v + 1], (mx.getCurrentThreadCpuTime() - t0)
            / (double) loads));
      }
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < loads; i++) {
        sink += ALL.get(U64, addr + (i & 1016));
      }
      sb.append(String.format(" plain %.2f ns/load", (mx.getCurrentThreadCpuTime() - t0)
          / (double) loads));
      System.out.println(sb);
    }
    System.out.println("load average " + ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage() + " (sink " + sink + ")");
  }
}
