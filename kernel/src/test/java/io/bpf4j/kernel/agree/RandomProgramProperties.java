package io.bpf4j.kernel.agree;

import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random valid programs ({@link ProgramGenerator}: ALU 32/64 with every operation, byte
 * swaps, forward branches and bounded loops, stack and buffer loads and stores, stack
 * atomics, bpf-to-bpf calls, {@code bpf_csum_diff}) give the same r0 and leave the same
 * buffer (which holds the final stack and all 64 bits of r0) on the interpreter in fast and
 * in checked mode, on the JIT and — where the kernel is available and its verifier accepts
 * the program — in the kernel through {@code BPF_PROG_TEST_RUN} (its 32-bit retval). The
 * kernel's refusals are counted by reason and printed with the totals.
 */
class RandomProgramProperties {
  private static final Agreement AGREEMENT = new Agreement();

  @Property(tries = 400)
  void allEnginesAgree(@ForAll long seed) {
    ProgramGenerator.Program p = ProgramGenerator.generate(seed);
    assertNull(AGREEMENT.check(p));
  }

  @AfterContainer
  static void summary() {
    System.out.println("RandomProgramProperties: " + AGREEMENT.summary());
  }
}
