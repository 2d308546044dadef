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
  /** tc only. */
  TC(EnumSet.of(SCHED_CLS, SCHED_ACT)),
  /** sk_skb only (sockmap stream verdicts). */
  SK_SKB_ONLY(EnumSet.of(SK_SKB)),
  /** sk_msg only. */
  SK_MSG_ONLY(EnumSet.of(SK_MSG)),
  /** XDP only. */
  XDP_ONLY(EnumSet.of(XDP)),
  /** XDP and tc. */
  XDP_TC(EnumSet.of(XDP, SCHED_CLS, SCHED_ACT)),
  /** Where perf_event_output is: tracing, skb programs and XDP. */
  PERF_OUTPUT(EnumSet.of(KPROBE, TRACEPOINT, PERF_EVENT, RAW_TRACEPOINT,
      RAW_TRACEPOINT_WRITABLE, ProgType.TRACING, LSM, SOCKET_FILTER, SCHED_CLS, SCHED_ACT, CGROUP_SKB,
      XDP, LWT_IN, LWT_OUT, LWT_XMIT, SK_SKB, SOCK_OPS)),
  /** Programs that may hold a spin lock (every type but tracing). */
  NOT_TRACING(EnumSet.complementOf(EnumSet.of(KPROBE, TRACEPOINT, PERF_EVENT, RAW_TRACEPOINT,
      RAW_TRACEPOINT_WRITABLE, ProgType.TRACING)));

  final Set<ProgType> types;

  ProgSet(Set<ProgType> types) {
    this.types = types;
  }

  boolean allows(ProgType t) {
    return types.contains(t);
  }
}
