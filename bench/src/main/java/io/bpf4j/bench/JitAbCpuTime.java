package io.bpf4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A/B of two or more builds of the JIT in one JVM, in thread CPU time: each jar (a {@code
 * benchmarks.jar}, or any class path holding {@code io.bpf4j}) is loaded by its own class
 * loader, compiles the benchmark program {@code bench/bpf/jit_NAME}, and the variants then run
 * in interleaved short rounds, so that they share the machine's load and the JVM's state.
 * Prints min / p25 / median CPU ns per run of each variant and the load average. A variant
 * {@code JAR,key=value} sets system properties while that variant compiles (for switches that
 * the JIT reads at compile time). A variant {@code native=LIB.so} is the C of the benchmark
 * compiled by gcc ({@code bench/native/kernels.c}), called through the FFM API: the native
 * baseline measured in the same rounds as the JIT, so that both see the same machine.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.bpf4j.bench.JitAbCpuTime primes /tmp/before.jar bench/target/benchmarks.jar \
 *     native=bench/target/libjitbench.so
 * </pre>
 *
 * NAME is a benchmark ({@code primes}, {@code hash}, ...) or a file of raw eBPF code ({@code
 * .bin}) that takes an XDP context. System properties: {@code ab.rounds} (default 40), {@code ab.roundMillis} (40), {@code
 * ab.warmupMillis} (2000 per variant).
 */
public final class JitAbCpuTime {
  private JitAbCpuTime() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: JitAbCpuTime NAME JAR...");
      System.exit(2);
    }
    String name = args[0];
    List<String> jars = Arrays.asList(args).subList(1, args.length);
    int rounds = Integer.getInteger("ab.rounds", 40);
    long roundNanos = Integer.getInteger("ab.roundMillis", 40) * 1_000_000L;
    long warmNanos = Integer.getInteger("ab.warmupMillis", 2000) * 1_000_000L;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long ctx = JitBench.xdpContext();
    byte[] code = name.endsWith(".bin")
        ? Files.readAllBytes(Path.of(name)) : JitBench.resource("jit/jit_" + name + ".bin");
    int n = jars.size();
    MethodHandle[] run = new MethodHandle[n];
    for (int v = 0; v < n; v++) {
      run[v] = jars.get(v).startsWith("native=")
          ? nativeKernel(jars.get(v).substring("native=".length()), name, ctx)
          : compile(jars.get(v), code);
      long r = (long) run[v].invokeExact(ctx, 24L);
      System.out.printf("variant %d %s: result %d%n", v, jars.get(v), r & 0xffffffffL);
    }
    long sink = 0;
    for (int v = 0; v < n; v++) {
      long start = threads.getCurrentThreadCpuTime();
      while (threads.getCurrentThreadCpuTime() - start < warmNanos) {
        for (int i = 0; i < 100; i++) {
          sink += (long) run[v].invokeExact(ctx, 24L);
        }
      }
    }
    // runs per round: about roundNanos of CPU for variant 0
    long reps = 1;
    for (;;) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (long i = 0; i < reps; i++) {
        sink += (long) run[0].invokeExact(ctx, 24L);
      }
      if (threads.getCurrentThreadCpuTime() - t0 > roundNanos || reps >= 1L << 30) {
        break;
      }
      reps *= 2;
    }
    double[][] ns = new double[n][rounds];
    String load0 = loadAverage();
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < n; k++) {
        int v = (round + k) % n; // rotate which variant goes first
        long t0 = threads.getCurrentThreadCpuTime();
        for (long i = 0; i < reps; i++) {
          sink += (long) run[v].invokeExact(ctx, 24L);
        }
        ns[v][round] = (threads.getCurrentThreadCpuTime() - t0) / (double) reps;
      }
    }
    System.out.printf("%s: %d rounds of %d runs, load %s -> %s%n",
        name, rounds, reps, load0, loadAverage());
    for (int v = 0; v < n; v++) {
      double[] s = ns[v].clone();
      Arrays.sort(s);
      System.out.printf("variant %d min %.1f p25 %.1f median %.1f ns/run  %s%s%n", v, s[0],
          s[rounds / 4], s[rounds / 2], jars.get(v), sink == 42 ? " " : "");
      if (Boolean.getBoolean("ab.raw")) {
        StringBuilder b = new StringBuilder("  in order");
        for (double x : ns[v]) {
          b.append(String.format(" %.0f", x / 1000));
        }
        System.out.println(b);
      }
      if (Boolean.getBoolean("ab.deciles")) {
        StringBuilder b = new StringBuilder("  deciles");
        for (int d = 0; d <= 10; d++) {
          b.append(String.format(" %.0f", s[Math.min(rounds - 1, d * rounds / 10)]));
        }
        System.out.println(b);
      }
    }
  }

  /**
   * Compiles {@code code} with the JIT of the jar in {@code variant} ({@code JAR} or {@code
   * JAR,key=value,...}: system properties set while it compiles); a handle (long,long)long.
   */
  private static MethodHandle compile(String variant, byte[] code) throws Throwable {
    String[] parts = variant.split(",");
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      System.setProperty(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    try {
      return compile(Path.of(parts[0]), code);
    } finally {
      for (int i = 1; i < parts.length; i++) {
        System.clearProperty(parts[i].split("=", 2)[0]);
      }
    }
  }

  /**
   * {@code native_NAME} of the shared library {@code lib} ({@code bench/native/kernels.c}) on
   * the context's packet, as a handle (long,long)long that ignores its arguments.
   */
  private static MethodHandle nativeKernel(String lib, String name, long ctx) throws Throwable {
    MemorySegment md = MemorySegment.ofAddress(ctx).reinterpret(8);
    long data = Integer.toUnsignedLong(md.get(ValueLayout.JAVA_INT, 0));
    long end = Integer.toUnsignedLong(md.get(ValueLayout.JAVA_INT, 4));
    MemorySegment fn = SymbolLookup.libraryLookup(Path.of(lib), Arena.global())
        .findOrThrow("native_" + name);
    MethodHandle mh = Linker.nativeLinker().downcallHandle(fn,
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
        Linker.Option.critical(false));
    // the result is a u32
    MethodHandle u32 = MethodHandles.lookup().findStatic(Integer.class, "toUnsignedLong",
        MethodType.methodType(long.class, int.class));
    mh = MethodHandles.filterReturnValue(mh, u32);
    mh = MethodHandles.insertArguments(mh, 0, data, end);
    return MethodHandles.dropArguments(mh, 0, long.class, long.class);
  }

  private static MethodHandle compile(Path jar, byte[] code) throws Throwable {
    URL[] urls = {jar.toUri().toURL()};
    ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    Class<?> codec = Class.forName("io.bpf4j.isa.InsnCodec", true, loader);
    Class<?> table = Class.forName("io.bpf4j.vm.HelperTable", true, loader);
    Class<?> compiler = Class.forName("io.bpf4j.vm.jit.JitCompiler", true, loader);
    Class<?> program = Class.forName("io.bpf4j.vm.jit.JitProgram", true, loader);
    Object insns = codec.getMethod("decode", byte[].class).invoke(null, (Object) code);
    Object helpers = table.getMethod("empty").invoke(null);
    Object p = compiler.getMethod("compile", List.class, table).invoke(null, insns, helpers);
    return MethodHandles.publicLookup()
        .findVirtual(program, "run", MethodType.methodType(long.class, long.class, long.class))
        .bindTo(p);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
