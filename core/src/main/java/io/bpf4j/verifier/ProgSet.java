package io.bpf4j.verifier;

import static io.bpf4j.uapi.ProgType.*;

import io.bpf4j.uapi.ProgType;
import java.util.EnumSet;
import java.util.Set;

/** The program types a helper is available to, as the kernel's {@code get_func_proto}s give it. */
enum ProgSet {
  /** Every program type ({@code bpf_base_func_proto}). */
  ALL(EnumSet.allOf(ProgType.class)),
  /** Tracing: kprobe, tracepoint, perf event, raw tracepoint, tracing, syscall. */
  TRACING(EnumSet.of(KPROBE, TRACEPOINT, PERF_EVENT, RAW_TRACEPOINT, RAW_TRACEPOINT_WRITABLE,
      ProgType.TRACING, LSM, SYSCALL)),
  /** Programs that get an {@code __sk_buff}. */
  SKB(EnumSet.of(SOCKET_FILTER, SCHED_CLS, SCHED_ACT, CGROUP_SKB, LWT_IN, LWT_OUT, LWT_XMIT,
      SK_SKB, LWT_SEG6LOCAL)),
  /** Programs that may write an skb: tc, lwt_xmit, sk_skb. */
  SKB_WRITE(EnumSet.of(SCHED_CLS, SCHED_ACT, LWT_XMIT, SK_SKB)),
  /** tc, the lightweight tunnel programs and sk_skb ({@code bpf_skb_pull_data}). */
  SKB_PULL(EnumSet.of(SCHED_CLS, SCHED_ACT, LWT_IN, LWT_OUT, LWT_XMIT, SK_SKB)),
  /** sk_skb only (sockmap stream verdicts). */
  SK_SKB_ONLY(EnumSet.of(SK_SKB)),
  /** sk_msg only. */
  SK_MSG_ONLY(EnumSet.of(SK_MSG)),
  /** XDP only. */
  XDP_ONLY(EnumSet.of(XDP)),
  /** tc and the lightweight tunnel programs (their own {@code __sk_buff} helpers). */
  TC_LWT(EnumSet.of(SCHED_CLS, SCHED_ACT, LWT_IN, LWT_OUT, LWT_XMIT)),
  /** tc and lwt_xmit: the skb rewriting helpers. */
  TC_LWT_XMIT(EnumSet.of(SCHED_CLS, SCHED_ACT, LWT_XMIT)),
  /** XDP, tc and lwt_xmit ({@code bpf_redirect}). */
  XDP_TC_LWT_XMIT(EnumSet.of(XDP, SCHED_CLS, SCHED_ACT, LWT_XMIT)),
  /** XDP, tc and the lwt programs ({@code bpf_csum_diff}). */
  XDP_TC_LWT(EnumSet.of(XDP, SCHED_CLS, SCHED_ACT, LWT_IN, LWT_OUT, LWT_XMIT)),
  /** Programs with a socket in their context ({@code bpf_get_socket_cookie}). */
  SOCKET_COOKIE(EnumSet.of(SOCKET_FILTER, SCHED_CLS, SCHED_ACT, CGROUP_SKB, CGROUP_SOCK,
      SOCK_OPS, SK_SKB)),
  /** skb programs with a socket owner ({@code bpf_get_socket_uid}). */
  SOCKET_UID(EnumSet.of(SOCKET_FILTER, SCHED_CLS, SCHED_ACT, CGROUP_SKB, SK_SKB)),
  /** Every type but tracing and cgroup_device ({@code bpf_ktime_get_coarse_ns}). */
  COARSE_CLOCK(EnumSet.complementOf(EnumSet.of(KPROBE, TRACEPOINT, PERF_EVENT, RAW_TRACEPOINT,
      RAW_TRACEPOINT_WRITABLE, ProgType.TRACING, LSM, CGROUP_DEVICE))),
  /** Every type but tc and lwt ({@code bpf_get_cgroup_classid} of the current task). */
  NOT_TC_LWT(EnumSet.complementOf(EnumSet.of(SCHED_CLS, SCHED_ACT, LWT_IN, LWT_OUT, LWT_XMIT)));

  final Set<ProgType> types;

  ProgSet(Set<ProgType> types) {
    this.types = types;
  }

  boolean allows(ProgType t) {
    return types.contains(t);
  }
}
