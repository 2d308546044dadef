package io.bpf4j.kernel.agree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.DataFile;
import io.bpf4j.isa.Insn;
import io.bpf4j.kernel.KernelAvailable;
import io.bpf4j.kernel.KernelConformance;
import io.bpf4j.vm.ConformanceHelpers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The 313 conformance programs ({@code ${bpf4j.conformance.dir}/tests}, read with {@link
 * DataFile}) on the three JVM engines at once: the interpreter in fast and in checked mode and
 * the JIT each give the expected r0 <em>and</em> leave the same memory. (Each engine's r0
 * alone is also checked by its own suite, and the kernel's r0 and its exact list of refusals
 * by {@code KernelConformanceTest}; what this adds is the memory after the run, compared
 * across engines, and across the kernel too where it runs the program.)
 */
class ConformanceAgreementTest {
  /** One conformance file, its program and its memory. */
  record Case(String name, List<Insn> program, byte[] mem, long result) {}

  static List<Case> cases() throws Exception {
    String d = System.getProperty("bpf4j.conformance.dir");
    Assumptions.assumeTrue(d != null && Files.isDirectory(Path.of(d, "tests")),
        "no conformance tests at bpf4j.conformance.dir=" + d + " (CI has ../shared beside it)");
    List<Case> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(d, "tests"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".data")).sorted().toList()) {
        DataFile df = DataFile.read(f);
        out.add(new Case(f.getFileName().toString(), df.program(), df.mem(),
            df.result() == null ? 0 : df.result()));
      }
    }
    return out;
  }

  @Test
  void interpreterCheckedInterpreterAndJitAgreeOnR0AndMemory() throws Exception {
    List<Case> cases = cases();
    assertEquals(313, cases.size(), "conformance tests");
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      Engines.Outcome fast = Engines.interpreter(c.program(), ConformanceHelpers.table(),
          c.mem(), false);
      Engines.Outcome checked = Engines.interpreter(c.program(), ConformanceHelpers.table(),
          c.mem(), true);
      Engines.Outcome jit = Engines.jit(c.program(), ConformanceHelpers.table(), c.mem());
      for (var e : List.of(new Object[] {"interpreter", fast}, new Object[] {"checked", checked},
          new Object[] {"JIT", jit})) {
        Engines.Outcome o = (Engines.Outcome) e[1];
        if (!o.ok() || o.r0() != c.result() || !Arrays.equals(o.memory(), fast.memory())) {
          wrong.add(c.name() + " on the " + e[0] + ": " + o + "; expected r0=0x"
              + Long.toHexString(c.result()) + ", interpreter " + fast);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  /**
   * Programs with memory and without helper calls, loaded as XDP with the memory as the
   * packet: the kernel's low 32 bits of r0 and the packet after the run equal the
   * interpreter's. The kernel may refuse only what {@link KernelConformance} (the wrapper
   * {@code KernelConformanceTest} pins to its 13 known refusals) refuses too.
   */
  @Test
  void kernelLeavesTheSameMemory() throws Exception {
    Assumptions.assumeTrue(KernelAvailable.available(),
        () -> "needs the kernel: " + KernelAvailable.reason());
    List<Case> cases = cases();
    KernelConformance reference = KernelConformance.system();
    List<String> wrong = new ArrayList<>();
    int compared = 0;
    int refused = 0;
    for (Case c : cases) {
      if (c.mem().length == 0 || c.program().stream().anyMatch(Insn::isHelperCall)) {
        continue;
      }
      Engines.Outcome k = Engines.kernel(c.program(), c.mem());
      Engines.Outcome fast = Engines.interpreter(c.program(), ConformanceHelpers.table(),
          c.mem(), false);
      if (!k.ok()) {
        refused++;
        byte[] code = io.bpf4j.isa.InsnCodec.encode(c.program());
        if (reference.run(code, c.mem()).ran()) {
          wrong.add(c.name() + ": refused here (" + k.error() + ") but KernelConformance runs it");
        }
      } else if ((int) k.r0() != (int) fast.r0() || !Arrays.equals(k.memory(), fast.memory())) {
        wrong.add(c.name() + ": kernel " + k + ", interpreter " + fast);
      } else {
        compared++;
      }
    }
    System.out.println("ConformanceAgreementTest: kernel memory compared on " + compared
        + " programs, " + refused + " refused");
    assertEquals(List.of(), wrong);
    // 40 of the 313 have memory and call no helper (none of those is a refused shift)
    assertTrue(compared >= 40, "programs compared in the kernel: " + compared);
  }
}
