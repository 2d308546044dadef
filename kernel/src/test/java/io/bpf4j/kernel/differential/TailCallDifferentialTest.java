package io.bpf4j.kernel.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.kernel.RequiresKernel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code tail_calls.o} in the kernel and on the JVM backend, the prog_array filled from the
 * object's {@code values = {...}}: a tail call to slot 0, to the empty slot 1, the chain of
 * slot 2 that calls itself until the 33-call limit stops it, a two-hop chain (slot 3 → 0), and
 * indexes past max_entries; then the same from a bpf-to-bpf subprogram, where the target
 * replaces only the subprogram and its r0 returns to the subprogram's caller. Same r0 after
 * each run and the same run counters at the end.
 */
@RequiresKernel
class TailCallDifferentialTest {
  @ParameterizedTest
  @EnumSource(value = JvmEngine.class, names = {"JIT", "INTERPRETER"})
  void sameResultsAsTheKernel(JvmEngine engine) throws Exception {
    try (Both b = Both.load("tail_calls", engine)) {
      List<String> k = new ArrayList<>();
      List<String> j = new ArrayList<>();
      for (int slot : new int[] {0, 1, 2, 3, 4, 9, 255, 2, 0, 3}) {
        byte[] data = new byte[64];
        data[0] = (byte) slot;
        k.add("slot " + slot + ": r0 " + b.runKernel("tail_entry", data));
        j.add("slot " + slot + ": r0 " + b.runJvm("tail_entry", data));
      }
      for (int slot : new int[] {0, 1, 2, 3, 9}) {
        byte[] data = new byte[64];
        data[0] = (byte) slot;
        k.add("from a subprogram, slot " + slot + ": r0 " + b.runKernel("tail_from_sub", data));
        j.add("from a subprogram, slot " + slot + ": r0 " + b.runJvm("tail_from_sub", data));
      }
      assertEquals(k, j);
      assertEquals(b.kernelMap("counts"), b.jvmMap("counts"));
      assertEquals("slot 2: r0 1033", k.get(2), "33 tail calls, then the chain falls through");
      assertEquals("from a subprogram, slot 0: r0 100015", k.get(10),
          "the target's r0 (10 + its 5th run) returns to the subprogram's caller, + 100000");
    }
  }
}
