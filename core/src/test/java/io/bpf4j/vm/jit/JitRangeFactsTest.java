package io.bpf4j.vm.jit;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Assembler;
import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.RangeFacts;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import io.bpf4j.vm.HelperTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the verifier's facts change in the generated code, and what they must not change. */
class JitRangeFactsTest {
  /** clang's shape of {@code for (j = 0; j < n; j++)} with n = len & 31, unsigned. */
  static final String LOOP = """
      mov %r0, 0
      ldxw %r3, [%r1+0]
      and %r3, 31
      mov %r4, 0
      loop:
      add %r0, %r4
      add %r4, 1
      jgt %r3, %r4, loop
      exit
      """;

  private static List<Insn> loop() throws Exception {
    return Assembler.assemble(LOOP);
  }

  private static RangeFacts facts(List<Insn> insns) {
    VerifierResult r = Verifier.verify(VerifierInput.of("t", insns, ProgType.SOCKET_FILTER));
    assertTrue(r.accepted(), r::format);
    return r.facts();
  }

  /** True when the dump has a conditional branch to an earlier bytecode offset. */
  private static boolean backwardConditional(String dump) {
    Matcher m = Pattern.compile("(?m)^\\s*(\\d+): if\\w* (\\d+)$").matcher(dump);
    while (m.find()) {
      if (Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(1))) {
        return true;
      }
    }
    return false;
  }

  /** Compiles with {@code -Dbpf4j.jit.countedLoops} set to {@code counted} meanwhile. */
  static JitProgram compile(List<Insn> insns, RangeFacts f, boolean counted) {
    System.setProperty("bpf4j.jit.countedLoops", Boolean.toString(counted));
    try {
      return JitCompiler.compile(insns, HelperTable.empty(), f);
    } finally {
      System.clearProperty("bpf4j.jit.countedLoops");
    }
  }

  @Test
  void aNonNegativeUnsignedLoopTestBecomesSigned() throws Exception {
    List<Insn> insns = loop();
    String with = JitCompiler.compile(insns, HelperTable.empty(), facts(insns)).dump();
    String without = JitCompiler.compile(insns, HelperTable.empty()).dump();
    assertFalse(with.contains("compareUnsigned"), with);
    assertTrue(without.contains("compareUnsigned"), without);
    // by default a backward jump stays the inverted test around a goto
    assertFalse(backwardConditional(with), with);
    assertFalse(backwardConditional(without), without);
  }

  @Test
  void withCountedLoopsOnTheSignedLoopTestIsItsOwnBackwardBranch() throws Exception {
    List<Insn> insns = loop();
    String d = compile(insns, facts(insns), true).dump();
    assertFalse(d.contains("compareUnsigned"), d);
    assertTrue(backwardConditional(d), d);
    // without facts the test stays unsigned, and an unsigned test is never a counted loop's
    String none = compile(insns, RangeFacts.none(), true).dump();
    assertTrue(none.contains("compareUnsigned"), none);
    assertFalse(backwardConditional(none), none);
  }

  @Test
  void aLoopWhoseCounterIsWrittenTwiceKeepsTheInvertedTest() throws Exception {
    List<Insn> insns = Assembler.assemble("""
        mov %r0, 0
        ldxw %r3, [%r1+0]
        and %r3, 31
        mov %r4, 0
        loop:
        add %r0, %r4
        add %r4, 1
        mov %r4, %r4
        jgt %r3, %r4, loop
        exit
        """);
    String d = compile(insns, facts(insns), true).dump();
    assertFalse(d.contains("compareUnsigned"), d);
    assertFalse(backwardConditional(d), d);
  }

  @Test
  void factsOfAnotherProgramAreRefused() throws Exception {
    List<Insn> other = Assembler.assemble("mov %r0, 0\nexit\n");
    RangeFacts f = facts(other);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> JitCompiler.compile(loop(), HelperTable.empty(), f));
    assertTrue(x.getMessage().contains("another program"), x.getMessage());
  }

  @Test
  void thePropertyTurnsTheFactsOff() throws Exception {
    List<Insn> insns = loop();
    RangeFacts f = facts(insns);
    System.setProperty("bpf4j.jit.rangeFacts", "false");
    try {
      assertTrue(JitCompiler.compile(insns, HelperTable.empty(), f).dump()
          .contains("compareUnsigned"));
    } finally {
      System.clearProperty("bpf4j.jit.rangeFacts");
    }
  }

  @Test
  void aCompareWhoseOperandMayBeNegativeStaysUnsigned() throws Exception {
    // r4 is -1 when len is 0: `jgt r4, 3` must see 2^64 - 1
    List<Insn> insns = Assembler.assemble("""
        ldxw %r2, [%r1+0]
        mov %r4, -1
        jeq %r2, 0, skip
        mov %r4, 5
        skip:
        mov %r0, 1
        jgt %r4, 3, out
        mov %r0, 2
        out:
        exit
        """);
    RangeFacts f = facts(insns);
    JitProgram p = JitCompiler.compile(insns, HelperTable.empty(), f);
    assertTrue(p.dump().contains("compareUnsigned"), p.dump());
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ctx = arena.allocate(256, 8); // skb->len = 0
      assertEquals(1, p.run(ctx.address(), 256));
      ctx.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 9);
      assertEquals(1, p.run(ctx.address(), 256));
    }
  }

  @Test
  void theLoopRunsTheSameWithAndWithoutFacts() throws Exception {
    List<Insn> insns = loop();
    JitProgram with = JitCompiler.compile(insns, HelperTable.empty(), facts(insns));
    JitProgram counted = compile(insns, facts(insns), true);
    JitProgram without = JitCompiler.compile(insns, HelperTable.empty());
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ctx = arena.allocate(256, 8);
      for (int len : new int[] {0, 1, 2, 31, 32, 33, 63, -1}) {
        ctx.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, len);
        int n = len & 31;
        long want = n <= 1 ? 0 : (long) (n - 1) * n / 2;
        assertEquals(want, with.run(ctx.address(), 256), "len " + len);
        assertEquals(want, counted.run(ctx.address(), 256), "len " + len);
        assertEquals(want, without.run(ctx.address(), 256), "len " + len);
      }
    }
  }
}
