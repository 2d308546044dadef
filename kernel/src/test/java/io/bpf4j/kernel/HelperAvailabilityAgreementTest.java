package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.HelperId;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.verifier.Problem;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which helpers each program type may call, in the kernel and in bpf4j's verifier: for every
 * helper bpf4j knows and every program type that loads without an attach target, a program
 * that calls the helper with zeros in r1..r5 is refused by both as "cannot use helper" /
 * "unknown func", or by neither (an argument error or acceptance means the type has the
 * helper). As root, so the privileged helpers count.
 */
@RequiresKernel
class HelperAvailabilityAgreementTest {
  static final List<ProgType> TYPES = List.of(ProgType.SOCKET_FILTER, ProgType.KPROBE,
      ProgType.SCHED_CLS, ProgType.SCHED_ACT, ProgType.TRACEPOINT, ProgType.XDP,
      ProgType.PERF_EVENT, ProgType.CGROUP_SKB, ProgType.CGROUP_SOCK, ProgType.LWT_IN,
      ProgType.LWT_OUT, ProgType.LWT_XMIT, ProgType.SOCK_OPS, ProgType.SK_SKB,
      ProgType.CGROUP_DEVICE, ProgType.SK_MSG, ProgType.RAW_TRACEPOINT,
      ProgType.CGROUP_SYSCTL);

  /**
   * Where bpf4j keeps the helper although this kernel refuses it: Linux 6.18 here gives XDP
   * programs no {@code bpf_xdp_adjust_meta} ("cannot use helper", also for a clang-compiled
   * program), which kernels in general have; the JVM backend runs it.
   */
  static final java.util.Set<String> KEPT = java.util.Set.of("XDP bpf_xdp_adjust_meta");

  static List<Insn> callWithZeros(int helper) {
    List<Insn> p = new ArrayList<>();
    for (int r = 1; r <= 5; r++) {
      p.add(new Insn(0xb7, r, 0, 0, 0)); // rN = 0
    }
    p.add(new Insn(0x85, 0, 0, 0, helper));
    p.add(new Insn(0xb7, 0, 0, 0, 0));
    p.add(new Insn(0x95, 0, 0, 0, 0));
    return p;
  }

  /** "yes", "no", or null when the kernel refused the program before looking at the call. */
  static String kernel(ProgType t, int helper) {
    try {
      KernelProgram.load(ProgramOptions.builder(t, callWithZeros(helper)).logLevel(1).build())
          .close();
      return "yes";
    } catch (BpfException e) {
      String log = e.log();
      if (log.contains("cannot use helper") || log.contains("unknown func")) {
        return "no";
      }
      return log.contains("call ") ? "yes" : null;
    }
  }

  /** "yes", "no", or null when bpf4j's verifier does not know the helper. */
  static String bpf4j(ProgType t, int helper) {
    VerifierResult r = Verifier.verify(VerifierInput.of("p", callWithZeros(helper), t));
    if (r.accepted()) {
      return "yes";
    }
    if (r.rejection().problem() == Problem.HELPER_NOT_ALLOWED) {
      return r.rejection().message().contains("not known to bpf4j") ? null : "no";
    }
    return "yes";
  }

  @Test
  void sameHelpersPerProgramTypeAsTheKernel() {
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (ProgType t : TYPES) {
      for (int id = 1; id < 220; id++) {
        String name = HelperId.name(id);
        if (name == null) {
          continue;
        }
        String mine = bpf4j(t, id);
        if (mine == null) {
          continue;
        }
        String k = kernel(t, id);
        if (k == null) {
          continue;
        }
        compared++;
        if (!k.equals(mine) && !KEPT.contains(t + " bpf_" + name)) {
          differ.add(t + " bpf_" + name + ": kernel " + k + ", bpf4j " + mine);
        }
      }
    }
    System.out.println("HelperAvailabilityAgreementTest: " + compared + " (type, helper) pairs");
    assertEquals("", String.join("\n", differ));
  }
}
