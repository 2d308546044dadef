package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which bytes of its context each program type may read and write, in the kernel and in
 * bpf4j's verifier: for every offset 0..255 and size 1, 2, 4, 8, a program that loads from
 * (or stores 0 into) {@code r1 + off} is accepted by both or refused by both. As root.
 */
@RequiresKernel
class ContextAccessAgreementTest {
  enum Access { LOAD, STORE }

  static final List<ProgType> TYPES = HelperAvailabilityAgreementTest.TYPES;

  static List<Insn> program(Access a, int size, int off) {
    int sz = switch (size) {
      case 1 -> 0x10;
      case 2 -> 0x08;
      case 4 -> 0x00;
      default -> 0x18;
    };
    List<Insn> p = new ArrayList<>();
    if (a == Access.LOAD) {
      p.add(new Insn(0x61 | sz, 0, 1, off, 0)); // r0 = *(uN *)(r1 + off)
    } else {
      p.add(new Insn(0xb7, 2, 0, 0, 0)); // r2 = 0
      p.add(new Insn(0x63 | sz, 1, 2, off, 0)); // *(uN *)(r1 + off) = r2
    }
    p.add(new Insn(0xb7, 0, 0, 0, 0));
    p.add(new Insn(0x95, 0, 0, 0, 0));
    return p;
  }

  /** True when the kernel loads it, false when its verifier refuses it, null otherwise. */
  static Boolean kernel(ProgType t, List<Insn> p) {
    try {
      KernelProgram.load(ProgramOptions.builder(t, p).logLevel(1).build()).close();
      return true;
    } catch (BpfException e) {
      return e.log().isEmpty() ? null : false;
    }
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void sameContextAccessAsTheKernel(Access a) {
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (ProgType t : TYPES) {
      for (int size : new int[] {1, 2, 4, 8}) {
        for (int off = 0; off < 256; off++) {
          List<Insn> p = program(a, size, off);
          Boolean k = kernel(t, p);
          if (k == null) {
            continue;
          }
          compared++;
          boolean mine = Verifier.verify(VerifierInput.of("p", p, t)).accepted();
          if (k != mine) {
            differ.add(t + " " + a + " u" + size * 8 + " at " + off + ": kernel "
                + (k ? "accepts" : "refuses") + ", bpf4j " + (mine ? "accepts" : "refuses"));
          }
        }
      }
    }
    System.out.println("ContextAccessAgreementTest " + a + ": " + compared + " accesses");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertEquals("", String.join("\n", differ));
  }
}
