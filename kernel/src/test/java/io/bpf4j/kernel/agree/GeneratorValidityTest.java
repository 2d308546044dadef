package io.bpf4j.kernel.agree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.kernel.KernelAvailable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel's verifier accepts what {@link ProgramGenerator} makes, so that {@link
 * RandomProgramProperties} really compares with the kernel rather than counting refusals.
 */
class GeneratorValidityTest {
  @Test
  void theKernelAcceptsGeneratedPrograms() {
    Assumptions.assumeTrue(KernelAvailable.available(),
        () -> "needs the kernel: " + KernelAvailable.reason());
    List<String> refused = new ArrayList<>();
    for (long seed = 0; seed < 60; seed++) {
      ProgramGenerator.Program p = ProgramGenerator.generate(seed);
      Engines.Outcome k = Engines.kernel(p.insns(), p.input());
      if (!k.ok()) {
        refused.add("seed " + seed + ": " + k.error());
      }
    }
    assertEquals(List.of(), refused);
  }
}
