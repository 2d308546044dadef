package io.bpf4j.uapi;

/**
 * The program types of the kernel: what a program is for, its context and its helpers.
 *
 * <p>Each constant's {@link #value()} is the kernel's number for it (its position in
 * {@code enum bpf_prog_type} of {@code linux/bpf.h}).
 */
public enum ProgType {
  /** {@code BPF_PROG_TYPE_UNSPEC}. */
  UNSPEC(0),
  /** {@code BPF_PROG_TYPE_SOCKET_FILTER}: socket filter: sees packets of a socket (SO_ATTACH_BPF); returns the bytes to keep. */
  SOCKET_FILTER(1),
  /** {@code BPF_PROG_TYPE_KPROBE}: kprobe/uprobe: runs at a kernel or user function entry or return. */
  KPROBE(2),
  /** {@code BPF_PROG_TYPE_SCHED_CLS}: tc classifier (cls_bpf, tcx): sees skbs on a network interface. */
  SCHED_CLS(3),
  /** {@code BPF_PROG_TYPE_SCHED_ACT}. */
  SCHED_ACT(4),
  /** {@code BPF_PROG_TYPE_TRACEPOINT}: tracepoint: sees the record of a static kernel tracepoint. */
  TRACEPOINT(5),
  /** {@code BPF_PROG_TYPE_XDP}: XDP: sees raw frames at the driver; returns an xdp_action. */
  XDP(6),
  /** {@code BPF_PROG_TYPE_PERF_EVENT}: perf event: runs on a perf event (timer, hardware counter). */
  PERF_EVENT(7),
  /** {@code BPF_PROG_TYPE_CGROUP_SKB}: cgroup skb: filters packets entering or leaving a cgroup. */
  CGROUP_SKB(8),
  /** {@code BPF_PROG_TYPE_CGROUP_SOCK}. */
  CGROUP_SOCK(9),
  /** {@code BPF_PROG_TYPE_LWT_IN}. */
  LWT_IN(10),
  /** {@code BPF_PROG_TYPE_LWT_OUT}. */
  LWT_OUT(11),
  /** {@code BPF_PROG_TYPE_LWT_XMIT}. */
  LWT_XMIT(12),
  /** {@code BPF_PROG_TYPE_SOCK_OPS}. */
  SOCK_OPS(13),
  /** {@code BPF_PROG_TYPE_SK_SKB}: sk_skb: stream parser/verdict of a sockmap. */
  SK_SKB(14),
  /** {@code BPF_PROG_TYPE_CGROUP_DEVICE}. */
  CGROUP_DEVICE(15),
  /** {@code BPF_PROG_TYPE_SK_MSG}: sk_msg: verdict on sendmsg of a sockmap socket. */
  SK_MSG(16),
  /** {@code BPF_PROG_TYPE_RAW_TRACEPOINT}: raw tracepoint: sees the tracepoint arguments as u64s. */
  RAW_TRACEPOINT(17),
  /** {@code BPF_PROG_TYPE_CGROUP_SOCK_ADDR}. */
  CGROUP_SOCK_ADDR(18),
  /** {@code BPF_PROG_TYPE_LWT_SEG6LOCAL}. */
  LWT_SEG6LOCAL(19),
  /** {@code BPF_PROG_TYPE_LIRC_MODE2}. */
  LIRC_MODE2(20),
  /** {@code BPF_PROG_TYPE_SK_REUSEPORT}. */
  SK_REUSEPORT(21),
  /** {@code BPF_PROG_TYPE_FLOW_DISSECTOR}. */
  FLOW_DISSECTOR(22),
  /** {@code BPF_PROG_TYPE_CGROUP_SYSCTL}. */
  CGROUP_SYSCTL(23),
  /** {@code BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE}. */
  RAW_TRACEPOINT_WRITABLE(24),
  /** {@code BPF_PROG_TYPE_CGROUP_SOCKOPT}. */
  CGROUP_SOCKOPT(25),
  /** {@code BPF_PROG_TYPE_TRACING}: tracing (fentry/fexit/fmod_ret/iter): BTF-typed kernel function hooks. */
  TRACING(26),
  /** {@code BPF_PROG_TYPE_STRUCT_OPS}: struct_ops: implements a kernel function table. */
  STRUCT_OPS(27),
  /** {@code BPF_PROG_TYPE_EXT}. */
  EXT(28),
  /** {@code BPF_PROG_TYPE_LSM}: LSM: hooks of the Linux security modules. */
  LSM(29),
  /** {@code BPF_PROG_TYPE_SK_LOOKUP}. */
  SK_LOOKUP(30),
  /** {@code BPF_PROG_TYPE_SYSCALL}: syscall: run from user space with BPF_PROG_TEST_RUN; may call bpf(). */
  SYSCALL(31),
  /** {@code BPF_PROG_TYPE_NETFILTER}. */
  NETFILTER(32);

  private static final ProgType[] BY_VALUE = values();

  private final int value;

  ProgType(int value) {
    this.value = value;
  }

  /** The kernel's number. */
  public int value() {
    return value;
  }

  /** The constant for a kernel number, or null when there is none. */
  public static ProgType of(int value) {
    return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
  }

  /** The kernel's name, e.g. {@code BPF_PROG_TYPE_SOCKET_FILTER}. */
  public String kernelName() {
    return "BPF_PROG_TYPE_" + name();
  }
}
