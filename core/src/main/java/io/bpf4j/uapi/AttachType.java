package io.bpf4j.uapi;

/**
 * The attach types of the kernel ({@code expected_attach_type} and {@code BPF_LINK_CREATE}).
 *
 * <p>Each constant's {@link #value()} is the kernel's number for it (its position in
 * {@code enum bpf_attach_type} of {@code linux/bpf.h}).
 */
public enum AttachType {
  /** {@code BPF_CGROUP_INET_INGRESS}. */
  CGROUP_INET_INGRESS(0),
  /** {@code BPF_CGROUP_INET_EGRESS}. */
  CGROUP_INET_EGRESS(1),
  /** {@code BPF_CGROUP_INET_SOCK_CREATE}. */
  CGROUP_INET_SOCK_CREATE(2),
  /** {@code BPF_CGROUP_SOCK_OPS}. */
  CGROUP_SOCK_OPS(3),
  /** {@code BPF_SK_SKB_STREAM_PARSER}. */
  SK_SKB_STREAM_PARSER(4),
  /** {@code BPF_SK_SKB_STREAM_VERDICT}. */
  SK_SKB_STREAM_VERDICT(5),
  /** {@code BPF_CGROUP_DEVICE}. */
  CGROUP_DEVICE(6),
  /** {@code BPF_SK_MSG_VERDICT}. */
  SK_MSG_VERDICT(7),
  /** {@code BPF_CGROUP_INET4_BIND}. */
  CGROUP_INET4_BIND(8),
  /** {@code BPF_CGROUP_INET6_BIND}. */
  CGROUP_INET6_BIND(9),
  /** {@code BPF_CGROUP_INET4_CONNECT}. */
  CGROUP_INET4_CONNECT(10),
  /** {@code BPF_CGROUP_INET6_CONNECT}. */
  CGROUP_INET6_CONNECT(11),
  /** {@code BPF_CGROUP_INET4_POST_BIND}. */
  CGROUP_INET4_POST_BIND(12),
  /** {@code BPF_CGROUP_INET6_POST_BIND}. */
  CGROUP_INET6_POST_BIND(13),
  /** {@code BPF_CGROUP_UDP4_SENDMSG}. */
  CGROUP_UDP4_SENDMSG(14),
  /** {@code BPF_CGROUP_UDP6_SENDMSG}. */
  CGROUP_UDP6_SENDMSG(15),
  /** {@code BPF_LIRC_MODE2}. */
  LIRC_MODE2(16),
  /** {@code BPF_FLOW_DISSECTOR}. */
  FLOW_DISSECTOR(17),
  /** {@code BPF_CGROUP_SYSCTL}. */
  CGROUP_SYSCTL(18),
  /** {@code BPF_CGROUP_UDP4_RECVMSG}. */
  CGROUP_UDP4_RECVMSG(19),
  /** {@code BPF_CGROUP_UDP6_RECVMSG}. */
  CGROUP_UDP6_RECVMSG(20),
  /** {@code BPF_CGROUP_GETSOCKOPT}. */
  CGROUP_GETSOCKOPT(21),
  /** {@code BPF_CGROUP_SETSOCKOPT}. */
  CGROUP_SETSOCKOPT(22),
  /** {@code BPF_TRACE_RAW_TP}. */
  TRACE_RAW_TP(23),
  /** {@code BPF_TRACE_FENTRY}. */
  TRACE_FENTRY(24),
  /** {@code BPF_TRACE_FEXIT}. */
  TRACE_FEXIT(25),
  /** {@code BPF_MODIFY_RETURN}. */
  MODIFY_RETURN(26),
  /** {@code BPF_LSM_MAC}. */
  LSM_MAC(27),
  /** {@code BPF_TRACE_ITER}. */
  TRACE_ITER(28),
  /** {@code BPF_CGROUP_INET4_GETPEERNAME}. */
  CGROUP_INET4_GETPEERNAME(29),
  /** {@code BPF_CGROUP_INET6_GETPEERNAME}. */
  CGROUP_INET6_GETPEERNAME(30),
  /** {@code BPF_CGROUP_INET4_GETSOCKNAME}. */
  CGROUP_INET4_GETSOCKNAME(31),
  /** {@code BPF_CGROUP_INET6_GETSOCKNAME}. */
  CGROUP_INET6_GETSOCKNAME(32),
  /** {@code BPF_XDP_DEVMAP}. */
  XDP_DEVMAP(33),
  /** {@code BPF_CGROUP_INET_SOCK_RELEASE}. */
  CGROUP_INET_SOCK_RELEASE(34),
  /** {@code BPF_XDP_CPUMAP}. */
  XDP_CPUMAP(35),
  /** {@code BPF_SK_LOOKUP}. */
  SK_LOOKUP(36),
  /** {@code BPF_XDP}. */
  XDP(37),
  /** {@code BPF_SK_SKB_VERDICT}. */
  SK_SKB_VERDICT(38),
  /** {@code BPF_SK_REUSEPORT_SELECT}. */
  SK_REUSEPORT_SELECT(39),
  /** {@code BPF_SK_REUSEPORT_SELECT_OR_MIGRATE}. */
  SK_REUSEPORT_SELECT_OR_MIGRATE(40),
  /** {@code BPF_PERF_EVENT}. */
  PERF_EVENT(41),
  /** {@code BPF_TRACE_KPROBE_MULTI}. */
  TRACE_KPROBE_MULTI(42),
  /** {@code BPF_LSM_CGROUP}. */
  LSM_CGROUP(43),
  /** {@code BPF_STRUCT_OPS}. */
  STRUCT_OPS(44),
  /** {@code BPF_NETFILTER}. */
  NETFILTER(45),
  /** {@code BPF_TCX_INGRESS}. */
  TCX_INGRESS(46),
  /** {@code BPF_TCX_EGRESS}. */
  TCX_EGRESS(47),
  /** {@code BPF_TRACE_UPROBE_MULTI}. */
  TRACE_UPROBE_MULTI(48),
  /** {@code BPF_CGROUP_UNIX_CONNECT}. */
  CGROUP_UNIX_CONNECT(49),
  /** {@code BPF_CGROUP_UNIX_SENDMSG}. */
  CGROUP_UNIX_SENDMSG(50),
  /** {@code BPF_CGROUP_UNIX_RECVMSG}. */
  CGROUP_UNIX_RECVMSG(51),
  /** {@code BPF_CGROUP_UNIX_GETPEERNAME}. */
  CGROUP_UNIX_GETPEERNAME(52),
  /** {@code BPF_CGROUP_UNIX_GETSOCKNAME}. */
  CGROUP_UNIX_GETSOCKNAME(53),
  /** {@code BPF_NETKIT_PRIMARY}. */
  NETKIT_PRIMARY(54),
  /** {@code BPF_NETKIT_PEER}. */
  NETKIT_PEER(55),
  /** {@code BPF_TRACE_KPROBE_SESSION}. */
  TRACE_KPROBE_SESSION(56),
  /** {@code BPF_TRACE_UPROBE_SESSION}. */
  TRACE_UPROBE_SESSION(57);

  private static final AttachType[] BY_VALUE = values();

  private final int value;

  AttachType(int value) {
    this.value = value;
  }

  /** The kernel's number. */
  public int value() {
    return value;
  }

  /** The constant for a kernel number, or null when there is none. */
  public static AttachType of(int value) {
    return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
  }

  /** The kernel's name, e.g. {@code BPF_CGROUP_INET_EGRESS}. */
  public String kernelName() {
    return "BPF_" + name();
  }
}
