package io.bpf4j.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The native baseline of the JIT benchmarks as a library: {@code bench/native/harness.c}
 * built with {@code -DJITBENCH_LIB} (the kernels of {@code jitbench.h}, gcc -O2), called
 * through FFM with a copy of the packet. {@link #run} makes the C loop do {@code reps} runs,
 * the loop {@code jit-native} times, so one downcall costs nothing per run.
 */
final class NativeKernels {
  /** Where {@code bench/run-jit-bench.sh} builds it (relative to the repository root). */
  static final Path LIBRARY = Path.of("bench/target/libjitnative.so");

  private final MethodHandle loop;
  private final MemorySegment packet;
  private final long length;
  private final Arena arena;

  /** Loads {@code library}; the packet is copied into 64-byte aligned memory of {@code arena}. */
  NativeKernels(Path library, byte[] packet, Arena arena) {
    this.arena = arena;
    this.loop = Linker.nativeLinker().downcallHandle(
        SymbolLookup.libraryLookup(library, arena).find("jitbench_loop").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    this.packet = arena.allocate(Math.max(4096, packet.length), 64);
    this.packet.copyFrom(MemorySegment.ofArray(packet));
    this.length = packet.length;
  }

  /** Builds the library from {@code source} ({@code harness.c}) with gcc -O2. */
  static void build(Path source, Path library) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("gcc", "-O2", "-Wall", "-shared", "-fPIC", "-DJITBENCH_LIB",
        "-o", library.toString(), source.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("gcc failed on " + source);
    }
  }

  /** The C name of a benchmark, for {@link #run}. */
  MemorySegment name(String name) {
    return arena.allocateFrom(name);
  }

  /**
   * {@code reps} runs of the kernel {@code name} (from {@link #name}) on the packet; the last
   * run's result, unsigned, or -1 when the library has no kernel of that name.
   */
  long run(MemorySegment name, long reps) {
    int r;
    try {
      r = (int) loop.invokeExact(name, packet, length, reps);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    return r == -1 ? -1 : r & 0xffffffffL;
  }
}
