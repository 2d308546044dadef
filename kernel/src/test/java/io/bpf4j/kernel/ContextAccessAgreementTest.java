package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.AttachType;
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
 * (or stores 0 into) {@code r1 + off} is accepted by both or refused by both; for the types
 * whose context depends on the attach type, for each attach type. As root.
 */
@RequiresKernel
class ContextAccessAgreementTest {
  enum Access { LOAD, STORE }

  /** A program type loaded for one attach type (null: the kernel's default). */
  record Target(ProgType type, AttachType attach) {
    @Override
    public String toString() {
      return attach == null ? type.toString() : type + "/" + attach;
    }
  }

  static List<Target> targets() {
    List<Target> t = new ArrayList<>();
    for (ProgType p : HelperAvailabilityAgreementTest.TYPES) {
      t.add(new Target(p, null));
    }
    for (AttachType a : List.of(AttachType.CGROUP_INET4_POST_BIND,
        AttachType.CGROUP_INET6_POST_BIND, AttachType.CGROUP_INET_SOCK_RELEASE)) {
      t.add(new Target(ProgType.CGROUP_SOCK, a));
    }
    for (AttachType a : List.of(AttachType.CGROUP_INET4_BIND, AttachType.CGROUP_INET4_CONNECT,
        AttachType.CGROUP_INET6_CONNECT, AttachType.CGROUP_UDP4_SENDMSG,
        AttachType.CGROUP_UDP4_RECVMSG, AttachType.CGROUP_UDP6_RECVMSG,
        AttachType.CGROUP_INET4_GETPEERNAME, AttachType.CGROUP_UNIX_CONNECT,
        AttachType.CGROUP_UNIX_RECVMSG)) {
      t.add(new Target(ProgType.CGROUP_SOCK_ADDR, a));
    }
    return t;
  }

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
    p.add(new Insn(0xb7, 0, 0, 0, 1)); // r0 = 1: what every type may return
    p.add(new Insn(0x95, 0, 0, 0, 0));
    return p;
  }

  /** True when the kernel loads it, false when its verifier refuses it, null otherwise. */
  static Boolean kernel(Target t, List<Insn> p) {
    try {
      ProgramOptions.Builder b = ProgramOptions.builder(t.type(), p).logLevel(1);
      if (t.attach() != null) {
        b.expectedAttachType(t.attach());
      }
      KernelProgram.load(b.build()).close();
      return true;
    } catch (BpfException e) {
      return e.log().isEmpty() ? null : false;
    }
  }

  /**
   * Reads of {@code struct bpf_sock} through the socket pointer a context holds, after its
   * NULL check ({@code __sk_buff}'s {@code sk}, a {@code sock_common}, in tc, socket filter
   * and cgroup_skb programs; {@code bpf_sock_ops}'s {@code sk}, a full socket): every size at
   * offsets 0..87, and a store.
   */
  @org.junit.jupiter.api.Test
  void sameSocketReadsAsTheKernel() {
    List<String> differ = new ArrayList<>();
    int compared = 0;
    int accepted = 0;
    record Sk(ProgType type, int field) {}
    for (Sk sk : List.of(new Sk(ProgType.SCHED_CLS, 168), new Sk(ProgType.SOCKET_FILTER, 168),
        new Sk(ProgType.CGROUP_SKB, 168), new Sk(ProgType.SOCK_OPS, 184))) {
      for (int size : new int[] {1, 2, 4, 8}) {
        for (int off = 0; off < 88; off++) {
          for (boolean store : new boolean[] {false, true}) {
            if (store && off % 8 != 0) {
              continue;
            }
            int sz = switch (size) {
              case 1 -> 0x10;
              case 2 -> 0x08;
              case 4 -> 0x00;
              default -> 0x18;
            };
            List<Insn> p = List.of(
                new Insn(0x79, 1, 1, sk.field(), 0),                 // r1 = ctx->sk
                new Insn(0x15, 1, 0, 1, 0),                          // if r1 == 0 goto +1
                store ? new Insn(0x62 | sz, 1, 0, off, 0)            // *(uN *)(r1 + off) = 0
                    : new Insn(0x61 | sz, 2, 1, off, 0),             // r2 = *(uN *)(r1 + off)
                new Insn(0xb7, 0, 0, 0, 1),
                new Insn(0x95, 0, 0, 0, 0));
            Target t = new Target(sk.type(), null);
            Boolean k = kernel(t, p);
            if (k == null) {
              continue;
            }
            compared++;
            accepted += k ? 1 : 0;
            boolean mine = Verifier.verify(VerifierInput.of("p", p, sk.type())).accepted();
            if (k != mine) {
              differ.add(sk.type() + (store ? " STORE" : " LOAD") + " u" + size * 8 + " at sk+"
                  + off + ": kernel " + (k ? "accepts" : "refuses") + ", bpf4j "
                  + (mine ? "accepts" : "refuses"));
            }
          }
        }
      }
    }
    System.out.println("ContextAccessAgreementTest sockets: " + compared + " accesses, "
        + accepted + " accepted by the kernel");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertEquals("", String.join("\n", differ));
  }

  /** Return values 0, 1, 2 and -1, for each target: accepted by both or refused by both. */
  @org.junit.jupiter.api.Test
  void sameReturnValuesAsTheKernel() {
    List<String> differ = new ArrayList<>();
    for (Target t : targets()) {
      for (int v : new int[] {0, 1, 2, -1}) {
        List<Insn> p = List.of(new Insn(0xb7, 0, 0, 0, v), new Insn(0x95, 0, 0, 0, 0));
        Boolean k = kernel(t, p);
        if (k == null) {
          continue;
        }
        VerifierInput in = VerifierInput.of("p", p, t.type());
        boolean mine = Verifier.verify(t.attach() == null ? in : in.withAttach(t.attach()))
            .accepted();
        if (k != mine) {
          differ.add(t + " returning " + v + ": kernel " + (k ? "accepts" : "refuses")
              + ", bpf4j " + (mine ? "accepts" : "refuses"));
        }
      }
    }
    assertEquals("", String.join("\n", differ));
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void sameContextAccessAsTheKernel(Access a) {
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (Target t : targets()) {
      for (int size : new int[] {1, 2, 4, 8}) {
        for (int off = 0; off < 256; off++) {
          List<Insn> p = program(a, size, off);
          Boolean k = kernel(t, p);
          if (k == null) {
            continue;
          }
          compared++;
          VerifierInput in = VerifierInput.of("p", p, t.type());
          boolean mine = Verifier.verify(t.attach() == null ? in : in.withAttach(t.attach()))
              .accepted();
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
