package io.bpf4j.elf;

import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.util.List;

/**
 * What a program's ELF section name says, by libbpf's conventions: the program type, the
 * expected attach type, the attach target (the part after the prefix's {@code /}), whether
 * it is sleepable ({@code .s} forms) and optional (a leading {@code ?}: not loaded by
 * default).
 *
 * <p>Names libbpf does not know (the legacy {@code socket1}, {@code xdp_prog}, {@code test}
 * of older objects) are {@linkplain #known() unknown}: type {@link ProgType#UNSPEC}, not
 * guessed.
 *
 * @param section the section name as written
 * @param type the program type, {@code UNSPEC} when unknown
 * @param attach the expected attach type, or null when the kernel wants none
 * @param target the attach target (function, tracepoint, ...), empty when none
 * @param sleepable a sleepable program ({@code BPF_F_SLEEPABLE})
 * @param optional a {@code ?}-prefixed section: not loaded unless asked for
 * @param known whether libbpf knows the name
 */
public record SectionName(String section, ProgType type, AttachType attach, String target,
    boolean sleepable, boolean optional, boolean known) {

  private static final int EXACT = 0;
  private static final int PLUS = 1; // the prefix alone, or prefix + "/" + target
  private static final int SLEEP = 2;

  private record Def(String prefix, ProgType type, AttachType attach, int flags) {}

  private static Def d(String p, ProgType t, AttachType a, int f) {
    return new Def(p, t, a, f);
  }

  // libbpf's section_defs, in its matching order
  private static final List<Def> DEFS = List.of(
      d("socket", ProgType.SOCKET_FILTER, null, EXACT),
      d("sk_reuseport/migrate", ProgType.SK_REUSEPORT, AttachType.SK_REUSEPORT_SELECT_OR_MIGRATE, EXACT),
      d("sk_reuseport", ProgType.SK_REUSEPORT, AttachType.SK_REUSEPORT_SELECT, EXACT),
      d("kprobe", ProgType.KPROBE, null, PLUS),
      d("uprobe", ProgType.KPROBE, null, PLUS),
      d("uprobe.s", ProgType.KPROBE, null, PLUS | SLEEP),
      d("kretprobe", ProgType.KPROBE, null, PLUS),
      d("uretprobe", ProgType.KPROBE, null, PLUS),
      d("uretprobe.s", ProgType.KPROBE, null, PLUS | SLEEP),
      d("kprobe.multi", ProgType.KPROBE, AttachType.TRACE_KPROBE_MULTI, PLUS),
      d("kretprobe.multi", ProgType.KPROBE, AttachType.TRACE_KPROBE_MULTI, PLUS),
      d("kprobe.session", ProgType.KPROBE, AttachType.TRACE_KPROBE_SESSION, PLUS),
      d("uprobe.multi", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, PLUS),
      d("uretprobe.multi", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, PLUS),
      d("uprobe.session", ProgType.KPROBE, AttachType.TRACE_UPROBE_SESSION, PLUS),
      d("uprobe.multi.s", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, PLUS | SLEEP),
      d("uretprobe.multi.s", ProgType.KPROBE, AttachType.TRACE_UPROBE_MULTI, PLUS | SLEEP),
      d("ksyscall", ProgType.KPROBE, null, PLUS),
      d("kretsyscall", ProgType.KPROBE, null, PLUS),
      d("usdt", ProgType.KPROBE, null, PLUS),
      d("usdt.s", ProgType.KPROBE, null, PLUS | SLEEP),
      d("tc/ingress", ProgType.SCHED_CLS, AttachType.TCX_INGRESS, EXACT),
      d("tc/egress", ProgType.SCHED_CLS, AttachType.TCX_EGRESS, EXACT),
      d("tcx/ingress", ProgType.SCHED_CLS, AttachType.TCX_INGRESS, EXACT),
      d("tcx/egress", ProgType.SCHED_CLS, AttachType.TCX_EGRESS, EXACT),
      d("tc", ProgType.SCHED_CLS, null, EXACT),
      d("classifier", ProgType.SCHED_CLS, null, EXACT),
      d("action", ProgType.SCHED_ACT, null, EXACT),
      d("netkit/primary", ProgType.SCHED_CLS, AttachType.NETKIT_PRIMARY, EXACT),
      d("netkit/peer", ProgType.SCHED_CLS, AttachType.NETKIT_PEER, EXACT),
      d("tracepoint", ProgType.TRACEPOINT, null, PLUS),
      d("tp", ProgType.TRACEPOINT, null, PLUS),
      d("raw_tracepoint", ProgType.RAW_TRACEPOINT, null, PLUS),
      d("raw_tp", ProgType.RAW_TRACEPOINT, null, PLUS),
      d("raw_tracepoint.w", ProgType.RAW_TRACEPOINT_WRITABLE, null, PLUS),
      d("raw_tp.w", ProgType.RAW_TRACEPOINT_WRITABLE, null, PLUS),
      d("tp_btf", ProgType.TRACING, AttachType.TRACE_RAW_TP, PLUS),
      d("fentry", ProgType.TRACING, AttachType.TRACE_FENTRY, PLUS),
      d("fmod_ret", ProgType.TRACING, AttachType.MODIFY_RETURN, PLUS),
      d("fexit", ProgType.TRACING, AttachType.TRACE_FEXIT, PLUS),
      d("fentry.s", ProgType.TRACING, AttachType.TRACE_FENTRY, PLUS | SLEEP),
      d("fmod_ret.s", ProgType.TRACING, AttachType.MODIFY_RETURN, PLUS | SLEEP),
      d("fexit.s", ProgType.TRACING, AttachType.TRACE_FEXIT, PLUS | SLEEP),
      d("freplace", ProgType.EXT, null, PLUS),
      d("lsm", ProgType.LSM, AttachType.LSM_MAC, PLUS),
      d("lsm.s", ProgType.LSM, AttachType.LSM_MAC, PLUS | SLEEP),
      d("lsm_cgroup", ProgType.LSM, AttachType.LSM_CGROUP, PLUS),
      d("iter", ProgType.TRACING, AttachType.TRACE_ITER, PLUS),
      d("iter.s", ProgType.TRACING, AttachType.TRACE_ITER, PLUS | SLEEP),
      d("syscall", ProgType.SYSCALL, null, EXACT | SLEEP),
      d("xdp.frags/devmap", ProgType.XDP, AttachType.XDP_DEVMAP, EXACT),
      d("xdp/devmap", ProgType.XDP, AttachType.XDP_DEVMAP, EXACT),
      d("xdp.frags/cpumap", ProgType.XDP, AttachType.XDP_CPUMAP, EXACT),
      d("xdp/cpumap", ProgType.XDP, AttachType.XDP_CPUMAP, EXACT),
      d("xdp.frags", ProgType.XDP, AttachType.XDP, EXACT),
      d("xdp", ProgType.XDP, AttachType.XDP, EXACT),
      d("perf_event", ProgType.PERF_EVENT, null, EXACT),
      d("lwt_in", ProgType.LWT_IN, null, EXACT),
      d("lwt_out", ProgType.LWT_OUT, null, EXACT),
      d("lwt_xmit", ProgType.LWT_XMIT, null, EXACT),
      d("lwt_seg6local", ProgType.LWT_SEG6LOCAL, null, EXACT),
      d("sockops", ProgType.SOCK_OPS, AttachType.CGROUP_SOCK_OPS, EXACT),
      d("sk_skb/stream_parser", ProgType.SK_SKB, AttachType.SK_SKB_STREAM_PARSER, EXACT),
      d("sk_skb/stream_verdict", ProgType.SK_SKB, AttachType.SK_SKB_STREAM_VERDICT, EXACT),
      d("sk_skb/verdict", ProgType.SK_SKB, AttachType.SK_SKB_VERDICT, EXACT),
      d("sk_skb", ProgType.SK_SKB, null, EXACT),
      d("sk_msg", ProgType.SK_MSG, AttachType.SK_MSG_VERDICT, EXACT),
      d("lirc_mode2", ProgType.LIRC_MODE2, AttachType.LIRC_MODE2, EXACT),
      d("flow_dissector", ProgType.FLOW_DISSECTOR, AttachType.FLOW_DISSECTOR, EXACT),
      d("cgroup_skb/ingress", ProgType.CGROUP_SKB, AttachType.CGROUP_INET_INGRESS, EXACT),
      d("cgroup_skb/egress", ProgType.CGROUP_SKB, AttachType.CGROUP_INET_EGRESS, EXACT),
      d("cgroup/skb", ProgType.CGROUP_SKB, null, EXACT),
      d("cgroup/sock_create", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_CREATE, EXACT),
      d("cgroup/sock_release", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_RELEASE, EXACT),
      d("cgroup/sock", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET_SOCK_CREATE, EXACT),
      d("cgroup/post_bind4", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET4_POST_BIND, EXACT),
      d("cgroup/post_bind6", ProgType.CGROUP_SOCK, AttachType.CGROUP_INET6_POST_BIND, EXACT),
      d("cgroup/bind4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_BIND, EXACT),
      d("cgroup/bind6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_BIND, EXACT),
      d("cgroup/connect4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_CONNECT, EXACT),
      d("cgroup/connect6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_CONNECT, EXACT),
      d("cgroup/connect_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_CONNECT, EXACT),
      d("cgroup/sendmsg4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP4_SENDMSG, EXACT),
      d("cgroup/sendmsg6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP6_SENDMSG, EXACT),
      d("cgroup/sendmsg_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_SENDMSG, EXACT),
      d("cgroup/recvmsg4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP4_RECVMSG, EXACT),
      d("cgroup/recvmsg6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UDP6_RECVMSG, EXACT),
      d("cgroup/recvmsg_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_RECVMSG, EXACT),
      d("cgroup/getpeername4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_GETPEERNAME, EXACT),
      d("cgroup/getpeername6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_GETPEERNAME, EXACT),
      d("cgroup/getpeername_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_GETPEERNAME, EXACT),
      d("cgroup/getsockname4", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET4_GETSOCKNAME, EXACT),
      d("cgroup/getsockname6", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_INET6_GETSOCKNAME, EXACT),
      d("cgroup/getsockname_unix", ProgType.CGROUP_SOCK_ADDR, AttachType.CGROUP_UNIX_GETSOCKNAME, EXACT),
      d("cgroup/sysctl", ProgType.CGROUP_SYSCTL, AttachType.CGROUP_SYSCTL, EXACT),
      d("cgroup/getsockopt", ProgType.CGROUP_SOCKOPT, AttachType.CGROUP_GETSOCKOPT, EXACT),
      d("cgroup/setsockopt", ProgType.CGROUP_SOCKOPT, AttachType.CGROUP_SETSOCKOPT, EXACT),
      d("cgroup/dev", ProgType.CGROUP_DEVICE, AttachType.CGROUP_DEVICE, EXACT),
      d("struct_ops", ProgType.STRUCT_OPS, null, PLUS),
      d("struct_ops.s", ProgType.STRUCT_OPS, null, PLUS | SLEEP),
      d("sk_lookup", ProgType.SK_LOOKUP, AttachType.SK_LOOKUP, EXACT),
      d("netfilter", ProgType.NETFILTER, AttachType.NETFILTER, EXACT));

  /** Interprets a section name. */
  public static SectionName parse(String section) {
    boolean optional = section.startsWith("?");
    String s = optional ? section.substring(1) : section;
    for (Def def : DEFS) {
      String p = def.prefix();
      boolean plus = (def.flags() & PLUS) != 0;
      String target;
      if (s.equals(p)) {
        target = "";
      } else if (plus && s.startsWith(p + "/")) {
        target = s.substring(p.length() + 1);
      } else {
        continue;
      }
      return new SectionName(section, def.type(), def.attach(), target,
          (def.flags() & SLEEP) != 0, optional, true);
    }
    return new SectionName(section, ProgType.UNSPEC, null, "", false, optional, false);
  }

  /** libbpf's name for the program type ({@code xdp}, {@code tracepoint}, ...), or "unknown". */
  public String typeName() {
    return known ? type.name().toLowerCase() : "unknown";
  }
}
