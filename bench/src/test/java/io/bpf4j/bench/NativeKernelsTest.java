package io.bpf4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.InsnCodec;
import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native baseline that {@link JitRatioCpuTime} times in the same process as the JIT
 * computes what the BPF programs compute: {@code harness.c} built as a library, every kernel
 * against the JIT's result on the same packet.
 */
class NativeKernelsTest {
  @TempDir Path dir;

  static boolean gccPresent() {
    return Files.isExecutable(Path.of("/usr/bin/gcc"));
  }

  private static Path harness() {
    return Path.of(System.getProperty("bpf4j.root", ".."), "bench/native/harness.c");
  }

  @Test
  @EnabledIf("gccPresent")
  void theLibraryComputesWhatTheJitComputes() throws Exception {
    Path lib = dir.resolve("libjitnative.so");
    NativeKernels.build(harness(), lib);
    try (Arena arena = Arena.ofShared()) {
      NativeKernels natives = new NativeKernels(lib, JitBench.resource("jit/packet.bin"), arena);
      long ctx = JitBench.xdpContext();
      for (String name : List.of("empty", "hash", "primes", "sort", "sortmask", "calls", "parse")) {
        JitProgram p = JitCompiler.compile(
            InsnCodec.decode(JitBench.resource("jit/jit_" + name + ".bin")), HelperTable.empty());
        long expected = p.run(ctx, 24) & 0xffffffffL;
        assertEquals(expected, natives.run(natives.name(name), 1), name);
        assertEquals(expected, natives.run(natives.name(name), 3), name + ", 3 runs");
        if (name.equals("primes")) { // the same C with the JIT's FP divisibility test
          assertEquals(expected, natives.run(natives.name("primesfp"), 2), "primesfp");
        }
      }
      // the flow table: the first run fills it, then every flow is found
      JitMaps m = JitMaps.load(JvmEngine.JIT);
      long first = m.run() & 0xffffffffL;
      long warm = m.run() & 0xffffffffL;
      assertEquals(first, natives.run(natives.name("maps"), 1), "maps, cold");
      assertEquals(warm, natives.run(natives.name("maps"), 2), "maps, warm");
      assertEquals(64, warm);
      assertEquals(-1, natives.run(natives.name("nosuch"), 1));
    }
  }
}
