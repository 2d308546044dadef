package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every conformance test in the kernel ({@link KernelConformance}): 300 of 313 give the
 * expected r0; the kernel refuses exactly the 13 listed here (KERNEL-NOTES.md).
 */
@RequiresKernel
class KernelConformanceTest {
  /** Shifts by an immediate >= the operand width ("invalid shift") and callx ("unknown opcode 8d"). */
  static final Set<String> KERNEL_REFUSES = Set.of(
      "arsh32-imm-high.data", "arsh32-imm-neg.data", "arsh64-imm-high.data", "arsh64-imm-neg.data",
      "lsh32-imm-high.data", "lsh32-imm-neg.data", "lsh64-imm-high.data", "lsh64-imm-neg.data",
      "rsh32-imm-high.data", "rsh32-imm-neg.data", "rsh64-imm-high.data", "rsh64-imm-neg.data",
      "callx.data");

  @Test
  void everyTestRunsInTheKernel() throws Exception {
    Assumptions.assumeTrue(ConformanceFiles.dir() != null
        && Files.exists(ConformanceFiles.dir().resolve("assembled.jsonl")),
        "no conformance files at bpf4j.conformance.dir=" + ConformanceFiles.dir());
    KernelConformance k = KernelConformance.system();
    List<String> wrong = new ArrayList<>();
    Set<String> refused = new TreeSet<>();
    int pass = 0;
    List<ConformanceFiles.Case> cases = ConformanceFiles.load();
    for (ConformanceFiles.Case c : cases) {
      KernelConformance.Outcome o = k.run(c.code(), c.mem());
      if (!o.ran()) {
        refused.add(c.file());
        String why = c.file().equals("callx.data") ? "EINVAL: unknown opcode 8d" : "EINVAL: invalid shift";
        if (!o.error().startsWith(why)) {
          wrong.add(c.file() + ": refused with '" + o.error() + "', expected '" + why + "'");
        }
      } else if (o.r0() != c.result()) {
        wrong.add(c.file() + ": r0 = 0x" + Long.toHexString(o.r0()) + ", expected 0x" + Long.toHexString(c.result()));
      } else {
        pass++;
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(new TreeSet<>(KERNEL_REFUSES), refused);
    assertEquals(313, cases.size());
    assertEquals(300, pass);
  }
}
