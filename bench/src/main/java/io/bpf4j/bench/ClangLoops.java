package io.bpf4j.bench;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.jit.JitCompiler;
import java.util.List;

/**
 * The clang-compiled loop programs of the JIT benchmark ({@code bench/bpf/jitbench.h}: FNV-1a
 * hash, trial-division primes, bubble sort, 20,000 bpf-to-bpf calls) as interpreter
 * benchmarks: realistic compiler output rather than hand-written loops. Each runs as XDP on an
 * {@code xdp_md} context in memory below 4 GB ({@link LowMemory}), the packet after it; the
 * context length given to the interpreter covers both, so checked mode allows the packet.
 */
final class ClangLoops {
  private ClangLoops() {}

  /** The programs, by the names of their objects {@code jit/jit_NAME.bin}. */
  static final List<String> NAMES = List.of("hash", "primes", "sort", "calls");

  /**
   * Executed instructions of one run on {@code jit/packet.bin}: 16,384 bytes hashed, 64 rounds
   * of (1 + 64 × 17 + 7), 9 before, exit.
   */
  static final int HASH_INSNS = 70_153;
  /** Primes below 1500 (the packet's limit is higher) by trial division; r0 = 239. */
  static final int PRIMES_INSNS = 193_647;
  /** 32 words read from the packet, bubble-sorted on the stack, then summed. */
  static final int SORT_INSNS = 9_584;
  /** 20,000 rounds of a loop of 8 instructions calling a function of 8: 18 before. */
  static final int CALLS_INSNS = 320_018;

  /** The context: {@code xdp_md} at the start, the packet from byte 64. */
  static final class Context {
    final long address;
    final long length;

    Context() throws Exception {
      address = JitBench.xdpContext();
      length = JitBench.PACKET_OFFSET + JitBench.resource("jit/packet.bin").length;
    }
  }

  static List<Insn> program(String name) throws Exception {
    return InsnCodec.decode(JitBench.resource("jit/jit_" + name + ".bin"));
  }

  static int expectedInstructions(String name) {
    return switch (name) {
      case "hash" -> HASH_INSNS;
      case "primes" -> PRIMES_INSNS;
      case "sort" -> SORT_INSNS;
      case "calls" -> CALLS_INSNS;
      default -> throw new IllegalArgumentException("no clang loop program " + name);
    };
  }

  /**
   * Loads {@code name} on the interpreter and checks one run: r0 as the JIT computes it and
   * the executed instruction count as recorded above.
   */
  static Interpreter load(String name, InterpreterOptions o, Context c) throws Exception {
    List<Insn> insns = program(name);
    Interpreter vm = Interpreter.load(insns, HelperTable.empty(), o);
    long r0 = vm.run(c.address, c.length);
    long want = JitCompiler.compile(insns, HelperTable.empty()).run(c.address, c.length);
    if (r0 != want || vm.lastInstructions() != expectedInstructions(name)) {
      throw new IllegalStateException(name + ": r0 " + r0 + " (JIT: " + want + "), "
          + vm.lastInstructions() + " instructions, expected " + expectedInstructions(name));
    }
    return vm;
  }
}
