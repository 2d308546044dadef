package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Assembler;
import io.bpf4j.uapi.ProgType;
import org.junit.jupiter.api.Test;

/**
 * The facts the verifier hands the JIT ({@link RangeFacts}): exact masks for small programs,
 * including registers that are non-negative on one path only, registers whose value never
 * matters (not recorded: pruning does not compare them), dead code and rejected programs.
 */
class RangeFactsTest {
  private static final int R0 = 1;
  private static final int R2 = 1 << 2;
  private static final int R3 = 1 << 3;
  private static final int R4 = 1 << 4;

  private static RangeFacts facts(String asm) throws Exception {
    VerifierResult r = Verifier.verify(
        VerifierInput.of("t", Assembler.assemble(asm), ProgType.SOCKET_FILTER));
    assertTrue(r.accepted(), r::format);
    return r.facts();
  }

  @Test
  void aCountedLoopsOperandsAreNonNegativeAndNarrow() throws Exception {
    RangeFacts f = facts("""
        mov %r0, 0
        ldxw %r2, [%r1+0]
        mov %r3, 0
        loop:
        add %r3, 1
        add %r0, 3
        jlt %r3, 10, loop
        jgt %r2, %r3, big
        exit
        big:
        mov %r0, 1
        exit
        """);
    // slot 5: jlt r3, 10; slot 6: jgt r2, r3 (r2 = skb->len, a u32); r0 (3 per turn) is
    // returned, so its value matters too
    assertEquals(R0 | R2 | R3, f.nonNegative(5));
    assertEquals(R0 | R2 | R3, f.narrow(5));
    assertEquals(R0 | R3, f.nonNegative32(5), "r2's low half may be 2^31 or more");
    assertEquals(R0 | R2 | R3, f.nonNegative(6));
    assertEquals(R0 | R2 | R3, f.narrow(6));
    assertEquals(R0 | R3, f.nonNegative32(6));
    // slot 1 (before the load): r2 does not exist yet, r0 = 0
    assertEquals(R0, f.nonNegative(1));
  }

  @Test
  void aFactThatFailsOnOnePathIsNotRecorded() throws Exception {
    RangeFacts f = facts("""
        ldxw %r2, [%r1+0]
        mov %r4, -1
        jeq %r2, 0, skip
        mov %r4, 5
        skip:
        jgt %r4, 3, out
        mov %r0, 1
        exit
        out:
        mov %r0, 2
        exit
        """);
    assertEquals(R2, f.nonNegative(2));
    assertEquals(R2, f.narrow(2));
    // r4 is -1 on the path that jumps, 5 on the other; r2 no longer matters (not recorded)
    assertEquals(0, f.nonNegative(4));
    assertEquals(0, f.narrow(4));
    assertEquals(0, f.nonNegative32(4));
  }

  @Test
  void thirtyTwoBitFactsLookAtTheLowHalfOnly() throws Exception {
    RangeFacts f = facts("""
        ldxw %r2, [%r1+0]
        lddw %r3, 0xffffffff00000000
        or %r3, 5
        and %r2, 0xffff
        jgt32 %r3, %r2, out
        mov %r0, 0
        exit
        out:
        mov %r0, 1
        exit
        """);
    // slot 5 (lddw takes slots 1 and 2): r3 = 0xffffffff00000005, r2 in [0, 0xffff]
    assertEquals(R2, f.nonNegative(5));
    assertEquals(R2, f.narrow(5));
    assertEquals(R2 | R3, f.nonNegative32(5));
  }

  @Test
  void aValueThatNeverMattersIsNotRecordedAndDeadCodeHasNoFacts() throws Exception {
    RangeFacts f = facts("""
        mov %r2, 7
        mov %r3, 1
        mov %r5, %r2
        jeq %r3, 0, dead
        mov %r0, 0
        exit
        dead:
        mov %r0, 9
        exit
        """);
    // slot 2: r2 only flows into r5, which nothing reads; r3 is compared
    assertEquals(R3, f.nonNegative(2));
    assertEquals(R3, f.nonNegative(3));
    // slots 6 and 7 are never reached: r3 is 1
    assertEquals(0, f.nonNegative(6) | f.narrow(6) | f.nonNegative32(6));
    assertEquals(0, f.nonNegative(7));
    assertEquals(R0, f.nonNegative(5), "exit: r0 = 0 is returned");
  }

  @Test
  void aStoredValueIsRecorded() throws Exception {
    // a spill may be filled back into a register a jump tests: its value matters
    RangeFacts f = facts("""
        mov %r2, 7
        stxdw [%r10-8], %r2
        mov %r0, 0
        exit
        """);
    assertEquals(R2, f.nonNegative(1));
  }

  @Test
  void aRejectedProgramHasNoFacts() throws Exception {
    VerifierResult r = Verifier.verify(VerifierInput.of("t", Assembler.assemble("""
        mov %r2, 1
        jgt %r2, %r3, out
        out:
        mov %r0, 0
        exit
        """), ProgType.SOCKET_FILTER));
    assertFalse(r.accepted());
    assertSame(RangeFacts.none(), r.facts());
    assertEquals(0, r.facts().nonNegative(1));
    assertEquals(0, r.facts().slots());
  }

  @Test
  void pointersAreNotScalarsAndGetNoFacts() throws Exception {
    RangeFacts f = facts("""
        mov %r2, %r10
        add %r2, -8
        mov %r3, 0
        stxdw [%r2+0], %r3
        mov %r0, 0
        exit
        """);
    assertEquals(0, f.nonNegative(3) & R2, "r2 is a stack pointer");
  }
}
