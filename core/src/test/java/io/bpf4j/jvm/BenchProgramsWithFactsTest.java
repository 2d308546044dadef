package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.isa.InsnCodec;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.jit.JitCompiler;
import io.bpf4j.vm.jit.JitProgram;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clang-compiled JIT benchmark programs ({@code bench/bpf}, XDP) verified, then compiled
 * with the verifier's facts: the same r0 and the same context and packet afterwards as the
 * interpreter, and as the JIT without facts, on the benchmark packet. The stack sort's loop
 * is the one the facts change (its unsigned exit test becomes a counted loop's signed test).
 */
class BenchProgramsWithFactsTest {
  private static Path resources() {
    String root = System.getProperty("bpf4j.root");
    return (root != null ? Path.of(root) : Path.of(".."))
        .resolve("bench/src/main/resources/io/bpf4j/bench/jit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "hash", "primes", "sort", "sortmask", "calls", "parse"})
  void factsChangeNoResult(String name) throws Exception {
    Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")),
        "the context holds 32-bit packet addresses (MAP_32BIT)");
    List<Insn> insns = InsnCodec.decode(Files.readAllBytes(resources().resolve("jit_" + name
        + ".bin")));
    byte[] packet = Files.readAllBytes(resources().resolve("packet.bin"));
    VerifierResult v = Verifier.verify(VerifierInput.of("jit_" + name, insns, ProgType.XDP));
    assertTrue(v.accepted(), v::format);
    assertTrue(v.facts().slots() > 0);
    Run interp = run(packet, (ctx, len) ->
        Interpreter.load(insns, HelperTable.empty(), InterpreterOptions.fast()).run(ctx, len));
    JitProgram withFacts = JitCompiler.compile(insns, HelperTable.empty(), v.facts());
    JitProgram without = JitCompiler.compile(insns, HelperTable.empty());
    JitProgram counted;
    System.setProperty("bpf4j.jit.countedLoops", "true");
    try {
      counted = JitCompiler.compile(insns, HelperTable.empty(), v.facts());
    } finally {
      System.clearProperty("bpf4j.jit.countedLoops");
    }
    Run a = run(packet, withFacts::run);
    Run b = run(packet, without::run);
    Run c = run(packet, counted::run);
    assertEquals(interp, a, "with facts");
    assertEquals(interp, b, "without facts");
    assertEquals(interp, c, "with facts and counted loops");
    if (name.equals("sort")) {
      // the inner loop's `if r3 > r4` (slot 49) is unsigned: with facts it is a signed compare;
      // slot 5's (packet pointers, no facts) stays unsigned
      assertTrue(code(without.dump(), 49).contains("compareUnsigned"));
      assertFalse(code(withFacts.dump(), 49).contains("compareUnsigned"), withFacts::dump);
      assertTrue(code(withFacts.dump(), 5).contains("compareUnsigned"), withFacts::dump);
      // by default slot 49 is the inverted test around a goto; with counted loops it is the
      // loop's own backward branch
      assertTrue(code(withFacts.dump(), 49).contains("goto"), withFacts::dump);
      assertFalse(code(counted.dump(), 49).contains("goto"), counted::dump);
      assertTrue(code(counted.dump(), 49).matches("(?s).*ifgt \\d+\\s*$"), counted::dump);
    }
  }

  /** The bytecode listed under instruction {@code slot} in a dump. */
  private static String code(String dump, int slot) {
    int at = dump.indexOf("; " + slot + ": op");
    assertTrue(at >= 0, dump);
    int end = dump.indexOf("; ", at + 2);
    return dump.substring(at, end < 0 ? dump.length() : end);
  }

  interface Program {
    long run(long ctx, long len) throws Exception;
  }

  record Run(long r0, String memory) {}

  /** One run on a fresh XDP context and packet in low memory: r0 and the bytes after it. */
  private static Run run(byte[] packet, Program p) throws Exception {
    Object owner = new Object();
    MemorySegment mem = LowMemory.take(owner, 4096);
    MemorySegment pkt = mem.asSlice(64, packet.length);
    pkt.copyFrom(MemorySegment.ofArray(packet));
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 0, (int) pkt.address());
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 4, (int) (pkt.address() + packet.length));
    mem.set(ValueLayout.JAVA_INT_UNALIGNED, 8, (int) pkt.address());
    long r0 = p.run(mem.address(), 24);
    byte[] after = mem.asSlice(0, 64 + packet.length).toArray(ValueLayout.JAVA_BYTE);
    // the addresses differ between runs: compare the context's other fields and the packet
    after = java.util.Arrays.copyOfRange(after, 12, after.length);
    java.lang.ref.Reference.reachabilityFence(owner);
    return new Run(r0, java.util.HexFormat.of().formatHex(after));
  }
}
