package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Assembler;
import io.bpf4j.uapi.ProgType;
import org.junit.jupiter.api.Test;

/**
 * A value that reaches a jump only through a stack spill and fill must be compared exactly
 * when states are pruned: the first path spills 3, the second -1, and only -1 takes the jump.
 * Pruning the second path at the join (r4 then looked like a value that does not matter)
 * accepted a program that dereferences a scalar, and gave the JIT a false fact.
 */
class SpillPruningTest {
  private static final String PROGRAM = """
      ldxw %r3, [%r1+0]
      mov %r4, -1
      jne %r3, 0, l
      mov %r4, 3
      l:
      stxdw [%r10-8], %r4
      ldxdw %r2, [%r10-8]
      jgt %r2, 5, big
      mov %r0, 0
      exit
      big:
      """;

  @Test
  void aValueFilledFromTheStackIsComparedWhenPruning() throws Exception {
    VerifierResult r = Verifier.verify(VerifierInput.of("spill", Assembler.assemble(PROGRAM
        + "ldxdw %r0, [%r2+0]\nexit\n"), ProgType.SOCKET_FILTER));
    assertFalse(r.accepted(), r::format);
    assertEquals(9, r.rejection().slot(), r::format);
  }

  @Test
  void noFactForAFilledValueThatDiffersBetweenPaths() throws Exception {
    VerifierResult r = Verifier.verify(VerifierInput.of("spill", Assembler.assemble(PROGRAM
        + "mov %r0, 1\nexit\n"), ProgType.SOCKET_FILTER));
    assertTrue(r.accepted(), r::format);
    // slot 6: jgt r2, 5 with r2 = 3 on one path and 2^64 - 1 on the other
    assertEquals(0, r.facts().nonNegative(6) & (1 << 2), r.facts()::toString);
  }
}
