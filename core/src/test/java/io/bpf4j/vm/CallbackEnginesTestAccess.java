package io.bpf4j.vm;

import io.bpf4j.isa.Insn;
import java.util.List;

/** Programs of {@link CallbackEnginesTest} for tests in other packages. */
public final class CallbackEnginesTestAccess {
  private CallbackEnginesTestAccess() {}

  /** Four outer callbacks, each running bpf_loop(3, inner): r0 = 4 * 1000 + 12. */
  public static List<Insn> nested() {
    return CallbackEnginesTest.nestedProgram();
  }
}
