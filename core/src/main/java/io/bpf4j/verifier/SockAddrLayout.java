package io.bpf4j.verifier;

import static io.bpf4j.verifier.CtxField.*;

import io.bpf4j.uapi.AttachType;
import java.util.ArrayList;
import java.util.List;

/**
 * The context of {@code BPF_PROG_TYPE_CGROUP_SOCK_ADDR} programs, {@code struct bpf_sock_addr},
 * with the rights of the kernel's {@code sock_addr_is_valid_access}: {@code user_ip4} only for
 * the IPv4 attach types, {@code user_ip6} only for the IPv6 ones, {@code msg_src_ip4/6} only
 * for {@code sendmsg4/6}; the address fields and {@code user_port} are writable with their
 * full size (and the IPv6 arrays with aligned 8-byte accesses), read with narrower loads too;
 * {@code user_family}, {@code family}, {@code type} and {@code protocol} are read-only, whole;
 * {@code sk} is read as an 8-byte {@code struct bpf_sock} pointer. Without an attach type only
 * the fields every attach type has are allowed.
 */
final class SockAddrLayout {
  private SockAddrLayout() {}

  static ContextLayouts.Layout of(AttachType a) {
    List<CtxField> f = new ArrayList<>();
    f.add(new CtxField("user_family", 0, 4, S4, 0, RegType.SCALAR));
    if (a != null && ip4(a)) {
      f.add(new CtxField("user_ip4", 4, 8, UP_TO_4, S4, RegType.SCALAR));
    }
    if (a != null && ip6(a)) {
      f.add(new CtxField("user_ip6", 8, 24, UP_TO_4 | S8, S4 | S8, RegType.SCALAR));
    }
    f.add(new CtxField("user_port", 24, 28, UP_TO_4, S4, RegType.SCALAR));
    f.add(new CtxField("family", 28, 32, S4, 0, RegType.SCALAR));
    f.add(new CtxField("type", 32, 36, S4, 0, RegType.SCALAR));
    f.add(new CtxField("protocol", 36, 40, S4, 0, RegType.SCALAR));
    if (a == AttachType.CGROUP_UDP4_SENDMSG) {
      f.add(new CtxField("msg_src_ip4", 40, 44, UP_TO_4, S4, RegType.SCALAR));
    }
    if (a == AttachType.CGROUP_UDP6_SENDMSG) {
      f.add(new CtxField("msg_src_ip6[0]", 44, 48, UP_TO_4, S4, RegType.SCALAR));
      f.add(new CtxField("msg_src_ip6[1..3]", 48, 60, UP_TO_4 | S8, S4 | S8, RegType.SCALAR));
    }
    f.add(new CtxField("sk", 64, 72, S8, 0, RegType.PTR_TO_SOCKET));
    return new ContextLayouts.Layout("bpf_sock_addr", 72, f);
  }

  private static boolean ip4(AttachType a) {
    return switch (a) {
      case CGROUP_INET4_BIND, CGROUP_INET4_CONNECT, CGROUP_INET4_GETPEERNAME,
          CGROUP_INET4_GETSOCKNAME, CGROUP_UDP4_SENDMSG, CGROUP_UDP4_RECVMSG -> true;
      default -> false;
    };
  }

  private static boolean ip6(AttachType a) {
    return switch (a) {
      case CGROUP_INET6_BIND, CGROUP_INET6_CONNECT, CGROUP_INET6_GETPEERNAME,
          CGROUP_INET6_GETSOCKNAME, CGROUP_UDP6_SENDMSG, CGROUP_UDP6_RECVMSG -> true;
      default -> false;
    };
  }
}
