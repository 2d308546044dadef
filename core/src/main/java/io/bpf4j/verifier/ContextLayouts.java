package io.bpf4j.verifier;

import static io.bpf4j.verifier.CtxField.*;

import io.bpf4j.uapi.AttachType;
import io.bpf4j.uapi.ProgType;
import java.util.ArrayList;
import java.util.List;

/**
 * Which bytes of each program type's context may be read and written, with which sizes, and
 * which reads give packet pointers: the rules of the kernel's {@code *_is_valid_access}
 * functions for {@code struct __sk_buff}, {@code struct xdp_md},
 * {@code struct bpf_perf_event_data}, {@code struct pt_regs}, raw tracepoint arguments, the
 * tracepoint record, {@code struct bpf_sock}, {@code struct bpf_cgroup_dev_ctx} and {@code struct bpf_sock_addr}
 * ({@link SockAddrLayout}).
 */
final class ContextLayouts {
  private ContextLayouts() {}

  /** A program type's context: its size and fields. */
  record Layout(String structName, int size, List<CtxField> fields) {
    /** The field an access falls in, or null. */
    CtxField find(int off, int size) {
      for (CtxField f : fields) {
        if (f.covers(off, size)) {
          return f;
        }
      }
      return null;
    }
  }

  private static final int PT_REGS = 168;
  /** Offsets below U16_MAX (65535), an 8-byte access at the last aligned one included. */
  private static final int SYSCALL_CTX = 65536;

  static Layout of(ProgType t, boolean privileged) {
    return of(t, null, privileged);
  }

  static Layout of(ProgType t, AttachType attach, boolean privileged) {
    return switch (t) {
      case CGROUP_SOCK_ADDR -> SockAddrLayout.of(attach);
      // syscall_prog_is_valid_access: the context is the caller's buffer (ctx_in of
      // BPF_PROG_TEST_RUN); any aligned access below U16_MAX, read or write. The kernel keeps
      // the highest byte touched (max_ctx_offset) and refuses a run with a smaller buffer.
      case SYSCALL -> new Layout("syscall context (user memory, ctx_size_in bytes)", SYSCALL_CTX,
          List.of(new CtxField("user memory", 0, SYSCALL_CTX, ANY, ANY, RegType.SCALAR)));
      case CGROUP_DEVICE -> new Layout("bpf_cgroup_dev_ctx", 12, List.of(
          new CtxField("access_type", 0, 4, UP_TO_4, 0, RegType.SCALAR),
          new CtxField("major", 4, 8, S4, 0, RegType.SCALAR),
          new CtxField("minor", 8, 12, S4, 0, RegType.SCALAR)));
      case SOCKET_FILTER -> skb(t, privileged);
      case SCHED_CLS, SCHED_ACT, CGROUP_SKB, LWT_IN, LWT_OUT, LWT_XMIT, SK_SKB -> skb(t, privileged);
      case XDP -> new Layout("xdp_md", 24, List.of(
          new CtxField("data", 0, 4, S4, 0, RegType.PTR_TO_PACKET),
          new CtxField("data_end", 4, 8, S4, 0, RegType.PTR_TO_PACKET_END),
          new CtxField("data_meta", 8, 12, S4, 0, RegType.PTR_TO_PACKET_META),
          new CtxField("ingress_ifindex", 12, 16, S4, 0, RegType.SCALAR),
          new CtxField("rx_queue_index", 16, 20, S4, 0, RegType.SCALAR)));
      case KPROBE -> new Layout("pt_regs", PT_REGS, regs(PT_REGS / 8, ANY));
      case PERF_EVENT -> {
        List<CtxField> f = new ArrayList<>(regs(PT_REGS / 8, S8));
        f.add(new CtxField("sample_period", 168, 176, ANY, 0, RegType.SCALAR));
        f.add(new CtxField("addr", 176, 184, ANY, 0, RegType.SCALAR));
        yield new Layout("bpf_perf_event_data", 184, f);
      }
      case RAW_TRACEPOINT, RAW_TRACEPOINT_WRITABLE -> {
        List<CtxField> f = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          f.add(new CtxField("args[" + i + "]", i * 8, i * 8 + 8, ANY, 0, RegType.SCALAR));
        }
        yield new Layout("bpf_raw_tracepoint_args", 96, f);
      }
      case TRACEPOINT -> new Layout("tracepoint record", 8192, List.of(
          new CtxField("record fields", 8, 8192, ANY, 0, RegType.SCALAR)));
      case CGROUP_SOCK -> bpfSock(attach);
      case SOCK_OPS -> sockOps();
      case SK_MSG -> new Layout("sk_msg_md", 80, List.of(
          new CtxField("data", 0, 8, S8, 0, RegType.PTR_TO_PACKET),
          new CtxField("data_end", 8, 16, S8, 0, RegType.PTR_TO_PACKET_END),
          new CtxField("family .. size", 16, 72, S4, 0, RegType.SCALAR),
          new CtxField("sk", 72, 80, S8, 0, RegType.PTR_TO_SOCKET)));
      case CGROUP_SYSCTL -> new Layout("bpf_sysctl", 8, List.of(
          new CtxField("write", 0, 4, UP_TO_4, 0, RegType.SCALAR),
          new CtxField("file_pos", 4, 8, UP_TO_4, S4, RegType.SCALAR)));
      default -> new Layout("context of " + t.kernelName(), 0, List.of());
    };
  }

  private static List<CtxField> regs(int n, int sizes) {
    List<CtxField> f = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      f.add(new CtxField("regs[" + i + "]", i * 8, i * 8 + 8, sizes, 0, RegType.SCALAR));
    }
    return f;
  }

  /**
   * {@code struct bpf_sock} of a {@code cgroup/sock} program ({@code sock_filter_is_valid_access}):
   * read-only but for {@code bound_dev_if}, {@code mark} and {@code priority}, which only the
   * socket create and release hooks (the default) may read and write; the source address and
   * port only in the post-bind hooks. The fields the kernel names by their offset take narrow
   * reads at their first byte only.
   */
  private static Layout bpfSock(AttachType attach) {
    AttachType a = attach == null ? AttachType.CGROUP_INET_SOCK_CREATE : attach;
    boolean create = a == AttachType.CGROUP_INET_SOCK_CREATE
        || a == AttachType.CGROUP_INET_SOCK_RELEASE;
    return bpfSock("bpf_sock", create, true, create, create,
        a == AttachType.CGROUP_INET4_POST_BIND, a == AttachType.CGROUP_INET6_POST_BIND);
  }

  private static final Layout SOCK = bpfSock("bpf_sock", true, true, true, false, true, true);
  private static final Layout SOCK_COMMON =
      bpfSock("bpf_sock (sock_common)", true, false, false, false, true, true);

  /**
   * {@code struct bpf_sock} read through a socket pointer ({@code bpf_sock_is_valid_access}:
   * every field, read only); a {@code sock_common} ({@code
   * bpf_sock_common_is_valid_access}) has no {@code type} .. {@code priority}.
   */
  static Layout sockFields(boolean common) {
    return common ? SOCK_COMMON : SOCK;
  }

  /**
   * The fields of {@code struct bpf_sock} that exist in one use of it: {@code bound_dev_if},
   * {@code type} and {@code protocol}, {@code mark} and {@code priority} (the three
   * writable when {@code writable}), the source addresses, and always the rest. The fields
   * the kernel names by their offset take narrow reads at their first byte only.
   */
  private static Layout bpfSock(String name, boolean boundDevIf, boolean typeProtocol,
      boolean markPriority, boolean writable, boolean src4, boolean src6) {
    int w = writable ? S4 : 0;
    List<CtxField> f = new ArrayList<>();
    if (boundDevIf) {
      f.add(new CtxField("bound_dev_if", 0, 4, S4, w, RegType.SCALAR));
    }
    f.add(new CtxField("family", 4, 8, UP_TO_4, 0, RegType.SCALAR).atStart());
    if (typeProtocol) {
      f.add(new CtxField("type", 8, 12, UP_TO_4, 0, RegType.SCALAR).atStart());
      f.add(new CtxField("protocol", 12, 16, UP_TO_4, 0, RegType.SCALAR).atStart());
    }
    if (markPriority) {
      f.add(new CtxField("mark", 16, 20, S4, w, RegType.SCALAR));
      f.add(new CtxField("priority", 20, 24, S4, w, RegType.SCALAR));
    }
    if (src4) {
      f.add(new CtxField("src_ip4", 24, 28, UP_TO_4, 0, RegType.SCALAR));
    }
    if (src6) {
      f.add(new CtxField("src_ip6", 28, 44, UP_TO_4, 0, RegType.SCALAR));
    }
    if (src4 || src6) {
      f.add(new CtxField("src_port", 44, 48, UP_TO_4, 0, RegType.SCALAR).atStart());
    }
    // dst_port is a __be16 and a 2-byte hole: narrow reads of the port, or the whole word
    f.add(new CtxField("dst_port", 48, 50, S1 | S2, 0, RegType.SCALAR));
    f.add(new CtxField("dst_port", 48, 52, S4, 0, RegType.SCALAR));
    f.add(new CtxField("dst_ip4", 52, 56, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("dst_ip6", 56, 72, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("state", 72, 76, UP_TO_4, 0, RegType.SCALAR).atStart());
    f.add(new CtxField("rx_queue_mapping", 76, 80, UP_TO_4, 0, RegType.SCALAR).atStart());
    return new Layout(name, 80, f);
  }

  /**
   * {@code struct bpf_sock_ops} ({@code sock_ops_is_valid_access}): 32-bit reads of the
   * fields up to {@code sk_txhash}, the 64-bit counters and pointers, {@code skb_len} and
   * {@code skb_tcp_flags} (also narrow); writes of {@code reply} and {@code sk_txhash}.
   */
  private static Layout sockOps() {
    return new Layout("bpf_sock_ops", 224, List.of(
        new CtxField("op", 0, 4, S4, 0, RegType.SCALAR),
        new CtxField("reply", 4, 8, S4, S4, RegType.SCALAR),
        new CtxField("args .. sk_txhash", 8, 164, S4, 0, RegType.SCALAR),
        new CtxField("sk_txhash", 164, 168, S4, S4, RegType.SCALAR),
        new CtxField("bytes_received", 168, 176, S8, 0, RegType.SCALAR),
        new CtxField("bytes_acked", 176, 184, S8, 0, RegType.SCALAR),
        new CtxField("sk", 184, 192, S8, 0, RegType.PTR_TO_SOCKET_OR_NULL),
        new CtxField("skb_data", 192, 200, S8, 0, RegType.PTR_TO_PACKET),
        new CtxField("skb_data_end", 200, 208, S8, 0, RegType.PTR_TO_PACKET_END),
        new CtxField("skb_len", 208, 212, S4, 0, RegType.SCALAR),
        new CtxField("skb_tcp_flags", 212, 216, UP_TO_4, 0, RegType.SCALAR).atStart(),
        new CtxField("skb_hwtstamp", 216, 224, S8, 0, RegType.SCALAR)));
  }

  /**
   * {@code struct __sk_buff} per program type, as {@code sk_filter_is_valid_access}, {@code
   * tc_cls_act_is_valid_access}, {@code cg_skb_is_valid_access}, {@code lwt_is_valid_access}
   * and {@code sk_skb_is_valid_access} give it (checked field by field against the kernel by
   * {@code ContextAccessAgreementTest}).
   */
  private static Layout skb(ProgType t, boolean privileged) {
    boolean tc = t == ProgType.SCHED_CLS || t == ProgType.SCHED_ACT;
    boolean cgroup = t == ProgType.CGROUP_SKB;
    boolean lwt = t == ProgType.LWT_IN || t == ProgType.LWT_OUT || t == ProgType.LWT_XMIT;
    boolean skSkb = t == ProgType.SK_SKB;
    boolean direct = tc || lwt || skSkb || (cgroup && privileged);
    List<CtxField> f = new ArrayList<>();
    f.add(new CtxField("len", 0, 4, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("pkt_type", 4, 8, UP_TO_4, 0, RegType.SCALAR));
    if (!skSkb) {
      f.add(new CtxField("mark", 8, 12, UP_TO_4, tc || cgroup || lwt ? S4 : 0, RegType.SCALAR));
    }
    f.add(new CtxField("queue_mapping", 12, 16, UP_TO_4, tc ? S4 : 0, RegType.SCALAR));
    f.add(new CtxField("protocol", 16, 20, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("vlan_present", 20, 24, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("vlan_tci", 24, 28, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("vlan_proto", 28, 32, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("priority", 32, 36, UP_TO_4, tc || cgroup || lwt || skSkb ? S4 : 0,
        RegType.SCALAR));
    f.add(new CtxField("ingress_ifindex", 36, 40, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("ifindex", 40, 44, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("tc_index", 44, 48, UP_TO_4, tc || skSkb ? S4 : 0, RegType.SCALAR));
    f.add(new CtxField("cb", 48, 68, ANY, skSkb ? 0 : ANY, RegType.SCALAR));
    f.add(new CtxField("hash", 68, 72, UP_TO_4, 0, RegType.SCALAR));
    if (tc) {
      f.add(new CtxField("tc_classid", 72, 76, UP_TO_4, S4, RegType.SCALAR));
    }
    if (direct) {
      f.add(new CtxField("data", 76, 80, S4, 0, RegType.PTR_TO_PACKET));
      f.add(new CtxField("data_end", 80, 84, S4, 0, RegType.PTR_TO_PACKET_END));
    }
    f.add(new CtxField("napi_id", 84, 88, UP_TO_4, 0, RegType.SCALAR));
    if (cgroup || skSkb) {
      f.add(new CtxField("family", 88, 92, UP_TO_4, 0, RegType.SCALAR));
      f.add(new CtxField("remote_ip4 .. local_ip6", 92, 132, S4, 0, RegType.SCALAR));
      f.add(new CtxField("remote_port", 132, 136, UP_TO_4, 0, RegType.SCALAR));
      f.add(new CtxField("local_port", 136, 140, UP_TO_4, 0, RegType.SCALAR));
    }
    if (tc) {
      f.add(new CtxField("data_meta", 140, 144, S4, 0, RegType.PTR_TO_PACKET_META));
    }
    if (tc || cgroup) {
      f.add(new CtxField("tstamp", 152, 160, S8, S8, RegType.SCALAR));
    }
    if (tc) {
      f.add(new CtxField("wire_len", 160, 164, UP_TO_4, 0, RegType.SCALAR));
    }
    f.add(new CtxField("gso_segs", 164, 168, UP_TO_4, 0, RegType.SCALAR));
    f.add(new CtxField("sk", 168, 176, S8, 0, RegType.PTR_TO_SOCK_COMMON_OR_NULL));
    f.add(new CtxField("gso_size", 176, 180, UP_TO_4, 0, RegType.SCALAR));
    if (tc) {
      f.add(new CtxField("tstamp_type", 180, 181, S1, 0, RegType.SCALAR));
    }
    if (tc || cgroup) {
      f.add(new CtxField("hwtstamp", 184, 192, S8, 0, RegType.SCALAR));
    }
    return new Layout("__sk_buff", 192, f);
  }
}
