package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.btf.KernelTypes;
import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loads through BTF-typed pointers, in the kernel and in bpf4j's verifier: from {@code
 * bpf_get_current_task_btf()}'s trusted task, from {@code t->real_parent} (an RCU pointer)
 * and from {@code t->mm} (untrusted), for every offset from -8 to 8 bytes past the struct's
 * end and size 1, 2, 4, 8, a raw tracepoint that loads there is accepted by both or refused
 * by both, and bpf4j's message starts with the kernel's; an 8-byte load is also followed by a
 * byte load through what it read, which tells a pointer member (a struct or untrusted memory)
 * from a number. As root, with the running kernel's BTF.
 *
 * <p>The task is read with every size; {@code real_parent}, the same struct, only with 8-byte
 * loads (what differs is the trust of the pointers read from it) and {@code mm} with 1- and
 * 8-byte loads, to keep the run near 40 s; {@code -Dbpf4j.btfwalk.all=true} reads them with
 * every size too (40,240 loads, all agreeing on Linux 6.18, 2026-12-07).
 */
@RequiresKernel
class BtfWalkAgreementTest {
  private static final int GET_CURRENT_TASK_BTF = 158;

  static List<Insn> program(int base, int size, int off, boolean deref) {
    int sz = switch (size) {
      case 1 -> 0x10;
      case 2 -> 0x08;
      case 4 -> 0x00;
      default -> 0x18;
    };
    List<Insn> p = new ArrayList<>();
    p.add(new Insn(0x85, 0, 0, 0, GET_CURRENT_TASK_BTF));   // r0 = bpf_get_current_task_btf()
    if (base >= 0) {
      p.add(new Insn(0x79, 0, 0, base, 0));                 // r0 = *(u64 *)(r0 + base)
    }
    p.add(new Insn(0x61 | sz, 2, 0, off, 0));               // r2 = *(uN *)(r0 + off)
    if (deref) {
      p.add(new Insn(0x71, 3, 2, 0, 0));                    // r3 = *(u8 *)(r2 + 0)
    }
    p.add(new Insn(0xb7, 0, 0, 0, 0));
    p.add(new Insn(0x95, 0, 0, 0, 0));
    return p;
  }

  /**
   * Variable offsets: adding an unknown u32 to {@code t->real_parent} is allowed when nothing
   * is read through the result, a load through it is refused; {@code t->stack} (untrusted
   * memory) may be read at any offset.
   */
  @org.junit.jupiter.api.Test
  void variableOffsetsAsTheKernel() {
    Assumptions.assumeTrue(KernelTypes.task().fromKernel(), "no kernel BTF here");
    int parent = KernelTypes.task().offset("real_parent");
    int stack = io.bpf4j.btf.KernelTypes.vmlinux().map(b -> io.bpf4j.btf.KernelTypes.memberOffset(
        b, (io.bpf4j.btf.BtfType.Composite) b.type(KernelTypes.task().btfId()), "stack"))
        .orElseThrow();
    List<String> differ = new ArrayList<>();
    for (int base : new int[] {parent, stack}) {
      for (boolean load : new boolean[] {false, true}) {
        List<Insn> p = new ArrayList<>(List.of(
            new Insn(0x85, 0, 0, 0, GET_CURRENT_TASK_BTF),
            new Insn(0x79, 6, 0, base, 0),                  // r6 = t->real_parent / t->stack
            new Insn(0x85, 0, 0, 0, 7),                     // r0 = bpf_get_prandom_u32()
            new Insn(0x67, 0, 0, 0, 32),
            new Insn(0x77, 0, 0, 0, 32),                    // r0: [0, 2^32)
            new Insn(0x0f, 6, 0, 0, 0)));                   // r6 += r0
        if (load) {
          p.add(new Insn(0x71, 2, 6, 0, 0));                // r2 = *(u8 *)(r6 + 0)
        }
        p.add(new Insn(0xb7, 0, 0, 0, 0));
        p.add(new Insn(0x95, 0, 0, 0, 0));
        boolean k;
        try {
          KernelProgram.load(ProgramOptions.builder(ProgType.RAW_TRACEPOINT, p).logLevel(1)
              .build()).close();
          k = true;
        } catch (BpfException e) {
          k = false;
        }
        VerifierResult r = Verifier.verify(VerifierInput.of("p", p, ProgType.RAW_TRACEPOINT));
        if (k != r.accepted()) {
          differ.add((base == parent ? "real_parent" : "stack") + (load ? " + var, load" : " + var")
              + ": kernel " + k + ", bpf4j " + r.accepted()
              + (r.accepted() ? "" : " (" + r.rejection().message() + ")"));
        }
      }
    }
    assertEquals("", String.join("\n", differ));
  }

  @ParameterizedTest
  @ValueSource(strings = {"task", "real_parent", "mm"})
  void sameVerdictsAsTheKernel(String from) {
    Assumptions.assumeTrue(KernelTypes.task().fromKernel(), "no kernel BTF here");
    int base = from.equals("task") ? -1 : KernelTypes.task().offset(from);
    int structSize = from.equals("mm") ? KernelTypes.mm().size() : KernelTypes.task().size();
    List<String> differ = new ArrayList<>();
    int compared = 0;
    int accepted = 0;
    boolean all = from.equals("task") || Boolean.getBoolean("bpf4j.btfwalk.all");
    int[] sizes = all ? new int[] {1, 2, 4, 8}
        : from.equals("mm") ? new int[] {1, 8} : new int[] {8};
    for (int off = -8; off < structSize + 8; off++) {
      for (int size : sizes) {
        for (boolean deref : size == 8 ? new boolean[] {false, true} : new boolean[] {false}) {
          List<Insn> p = program(base, size, off, deref);
          String kernel;
          try {
            KernelProgram.load(ProgramOptions.builder(ProgType.RAW_TRACEPOINT, p).logLevel(1)
                .build()).close();
            kernel = null;
          } catch (BpfException e) {
            if (e.log().isEmpty()) {
              continue;
            }
            kernel = TaskWalkAgreementTest.reason(e.log());
          }
          compared++;
          accepted += kernel == null ? 1 : 0;
          VerifierResult r = Verifier.verify(VerifierInput.of("p", p, ProgType.RAW_TRACEPOINT));
          String mine = r.accepted() ? null : r.rejection().message();
          String what = from + (deref ? " u64 + deref" : " u" + size * 8) + " at +" + off;
          if ((kernel == null) != (mine == null)) {
            differ.add(what + ": kernel " + (kernel == null ? "accepts" : "refuses: " + kernel)
                + ", bpf4j " + (mine == null ? "accepts" : "refuses: " + mine));
          } else if (kernel != null && !mine.startsWith(kernel)) {
            differ.add(what + ": kernel: " + kernel + ", bpf4j: " + mine);
          }
        }
      }
    }
    System.out.println("BtfWalkAgreementTest " + from + ": " + compared + " loads, " + accepted
        + " accepted by the kernel");
    differ.stream().limit(40).forEach(d -> System.out.println("  DIFF " + d));
    assertEquals(0, differ.size(), differ.size() + " differences, first: "
        + (differ.isEmpty() ? "" : differ.getFirst()));
  }
}
