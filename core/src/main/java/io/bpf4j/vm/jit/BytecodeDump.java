package io.bpf4j.vm.jit;

import io.bpf4j.isa.Insn;
import java.util.List;

/** Placeholder replaced below. */
final class BytecodeDump {
  private BytecodeDump() {}

  static String render(byte[] classBytes, List<Insn> insns) {
    return "";
  }
}
