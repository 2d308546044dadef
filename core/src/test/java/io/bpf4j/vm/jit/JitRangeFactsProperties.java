package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Random programs that the verifier accepts give the same r0 and leave the same buffer on the
 * JIT compiled with the verifier's facts (whole and cut into tiny regions, with and without
 * {@code bpf4j.jit.countedLoops}) as on the
 * interpreter: {@link RandomPrograms} without its helper call (the verifier knows no helper
 * "mix"), verified as a syscall program (r1 is then a user buffer the program may read and
 * write).
 */
class JitRangeFactsProperties {
  @Property(tries = 200, maxDiscardRatio = 20)
  void jitWithFactsAgreesWithTheInterpreter(@ForAll long seed, @ForAll boolean split,
      @ForAll boolean counted) throws Exception {
    Random rnd = new Random(seed);
    List<Insn> prog = verifiable(RandomPrograms.generate(rnd, 5 + rnd.nextInt(40), 6, false));
    VerifierResult v = Verifier.verify(VerifierInput.of("p", prog, ProgType.SYSCALL));
    Statistics.collect(v.accepted() ? "accepted" : "rejected");
    Assume.that(v.accepted());
    HelperTable helpers = HelperTable.empty();
    byte[] init = new byte[RandomPrograms.BUFFER];
    new Random(seed ^ 0xfeed).nextBytes(init);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment a = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      MemorySegment b = arena.allocate(init.length, 8).copyFrom(MemorySegment.ofArray(init));
      long expected = Interpreter.load(prog, helpers, InterpreterOptions.fast())
          .run(a.address(), init.length);
      System.setProperty("bpf4j.jit.countedLoops", Boolean.toString(counted));
      JitProgram p;
      try {
        p = split
            ? JitCompiler.compile(prog, helpers, 60, 60, 0, v.facts())
            : JitCompiler.compile(prog, helpers, v.facts());
      } finally {
        System.clearProperty("bpf4j.jit.countedLoops");
      }
      long actual = p.run(b.address(), init.length);
      String where = "seed " + seed + " split " + split + " counted " + counted;
      assertEquals(expected, actual, where);
      assertArrayEquals(a.toArray(ValueLayout.JAVA_BYTE), b.toArray(ValueLayout.JAVA_BYTE), where);
    }
  }

  /**
   * The generated program made acceptable to the verifier more often: the helper call and the
   * bpf-to-bpf call (whose frame would take the stack past 512 bytes) become moves to r0 (and
   * the function after the main exit is dropped); stores and atomics the kernel refuses on a
   * context go to the stack instead, 64 bytes below the frame pointer plus their offset.
   */
  static List<Insn> verifiable(List<Insn> gen) {
    boolean function = gen.stream().anyMatch(Insn::isLocalCall);
    List<Insn> body = function ? gen.subList(0, gen.size() - 8) : gen;
    List<Insn> out = new ArrayList<>();
    for (Insn in : body) {
      int mode = in.opcode() & 0xe0;
      boolean store = in.cls() == ST || in.cls() == STX && mode == ATOMIC;
      if (in.isCall()) {
        out.add(P.mov(0, 7));
      } else if (store && in.dst() == 1) {
        out.add(Insn.of(in.opcode(), FP, in.src(), in.offset() - 64, in.imm()));
      } else {
        out.add(in);
      }
    }
    return out;
  }
}
