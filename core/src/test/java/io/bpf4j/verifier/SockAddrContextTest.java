package io.bpf4j.verifier;

import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code struct bpf_sock_addr} rights per attach type ({@code sock_addr_is_valid_access}) and
 * {@code struct bpf_cgroup_dev_ctx} and the syscall program's user memory: one load or store of the context, then exit.
 */
class SockAddrContextTest {
  private static final int LDXW = 0x61;
  private static final int LDXH = 0x69;
  private static final int LDXDW = 0x79;
  private static final int STXW = 0x63;
  private static final int STXDW = 0x7b;

  @ParameterizedTest(name = "{0} {1} off={2}: {3}")
  @CsvSource({
      "CGROUP_INET4_CONNECT, LDXW, 24, true",   // user_port
      "CGROUP_INET4_CONNECT, LDXH, 26, true",   // narrow user_port
      "CGROUP_INET4_CONNECT, STXW, 24, true",
      "CGROUP_INET4_CONNECT, LDXW, 4, true",    // user_ip4
      "CGROUP_INET4_CONNECT, STXW, 4, true",
      "CGROUP_INET4_CONNECT, LDXW, 8, false",   // user_ip6 is for IPv6 attach types
      "CGROUP_INET6_CONNECT, LDXW, 8, true",
      "CGROUP_INET6_CONNECT, LDXDW, 16, true",  // wide access to user_ip6
      "CGROUP_INET6_CONNECT, STXDW, 8, true",
      "CGROUP_INET6_CONNECT, LDXW, 4, false",
      "CGROUP_INET4_CONNECT, STXW, 28, false",  // family is read-only
      "CGROUP_INET4_CONNECT, LDXH, 28, false",  // family is read whole
      "CGROUP_UDP4_SENDMSG, LDXW, 40, true",    // msg_src_ip4
      "CGROUP_INET4_CONNECT, LDXW, 40, false",
      "CGROUP_UDP6_SENDMSG, LDXDW, 48, true",   // msg_src_ip6[1..2]
      "CGROUP_UDP6_SENDMSG, LDXDW, 44, false",  // misaligned
      "CGROUP_INET4_CONNECT, LDXDW, 64, true",  // sk
      "CGROUP_INET4_CONNECT, STXDW, 64, false",
      "CGROUP_INET4_CONNECT, LDXW, 72, false"})
  void sockAddr(AttachType attach, String op, int off, boolean ok) {
    int code = switch (op) {
      case "LDXW" -> LDXW;
      case "LDXH" -> LDXH;
      case "LDXDW" -> LDXDW;
      case "STXW" -> STXW;
      default -> STXDW;
    };
    boolean store = op.startsWith("ST");
    List<Insn> insns = List.of(
        new Insn(0xb7, 2, 0, 0, 1),                                   // r2 = 1
        store ? new Insn(code, 1, 2, off, 0) : new Insn(code, 3, 1, off, 0),
        new Insn(0xb7, 0, 0, 0, 1),                                   // r0 = 1
        new Insn(0x95, 0, 0, 0, 0));
    VerifierResult r = Verifier.verify(VerifierInput.of("p", insns, ProgType.CGROUP_SOCK_ADDR)
        .withAttach(attach));
    assertEquals(ok, r.accepted(), r::format);
  }

  @ParameterizedTest(name = "dev ctx {0} off={1}: {2}")
  @CsvSource({"LDXW, 4, true", "LDXH, 0, true", "LDXH, 4, false", "STXW, 0, false",
      "LDXW, 12, false"})
  void cgroupDevice(String op, int off, boolean ok) {
    int code = op.equals("LDXW") ? LDXW : op.equals("LDXH") ? LDXH : STXW;
    List<Insn> insns = List.of(
        new Insn(0xb7, 2, 0, 0, 1),
        op.startsWith("ST") ? new Insn(code, 1, 2, off, 0) : new Insn(code, 3, 1, off, 0),
        new Insn(0xb7, 0, 0, 0, 1),
        new Insn(0x95, 0, 0, 0, 0));
    assertEquals(ok, Verifier.verify(VerifierInput.of("p", insns, ProgType.CGROUP_DEVICE))
        .accepted());
  }

  @ParameterizedTest(name = "syscall ctx {0} off={1}: {2}")
  @CsvSource({"LDXW, 4, true", "STXW, 400, true", "LDXDW, 32760, true", "LDXH, 32766, true",
      "LDXW, 6, false", "LDXW, -4, false"})
  void syscallContext(String op, int off, boolean ok) {
    int code = op.equals("LDXW") ? LDXW : op.equals("LDXH") ? LDXH : op.equals("LDXDW") ? LDXDW
        : STXW;
    List<Insn> insns = List.of(
        new Insn(0xb7, 2, 0, 0, 1),
        op.startsWith("ST") ? new Insn(code, 1, 2, off, 0) : new Insn(code, 3, 1, off, 0),
        new Insn(0xb7, 0, 0, 0, 1),
        new Insn(0x95, 0, 0, 0, 0));
    assertEquals(ok, Verifier.verify(VerifierInput.of("p", insns, ProgType.SYSCALL))
        .accepted());
  }
}
