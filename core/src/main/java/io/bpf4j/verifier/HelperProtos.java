package io.bpf4j.verifier;

import static io.bpf4j.verifier.ArgType.*;

import io.bpf4j.uapi.HelperId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The prototypes of the helpers real programs use, by the kernel's ids. The argument and
 * return types are those of the kernel's {@code bpf_*_proto} definitions; the program types
 * those of each program type's {@code get_func_proto}.
 */
final class HelperProtos {
  private HelperProtos() {}

  /** The prototypes by id; a helper whose arguments depend on the program type has several. */
  private static final Map<Integer, List<HelperProto>> BY_ID = new HashMap<>();

  private static void def(String name, RetType ret, ProgSet progs, ArgType... args) {
    add(name, ret, progs, false, false, args);
  }

  private static void add(String name, RetType ret, ProgSet progs, boolean changesPacket,
      boolean privileged, ArgType... args) {
    int id = HelperId.id(name);
    if (id < 0) {
      throw new IllegalStateException("no helper id for " + name);
    }
    BY_ID.computeIfAbsent(id, k -> new java.util.ArrayList<>())
        .add(new HelperProto(id, name, ret, List.of(args), progs, changesPacket, privileged));
  }

  static {
    RetType i = RetType.INTEGER;
    RetType v = RetType.VOID;
    def("map_lookup_elem", RetType.MAP_VALUE_OR_NULL, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_MAP_KEY);
    def("map_update_elem", i, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE,
        ANYTHING);
    def("map_delete_elem", i, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_MAP_KEY);
    def("map_push_elem", i, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_MAP_VALUE, ANYTHING);
    def("map_pop_elem", i, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_UNINIT_MAP_VALUE);
    def("map_peek_elem", i, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_UNINIT_MAP_VALUE);
    def("ktime_get_ns", i, ProgSet.ALL);
    def("ktime_get_boot_ns", i, ProgSet.ALL);
    def("ktime_get_coarse_ns", i, ProgSet.COARSE_CLOCK);
    def("jiffies64", i, ProgSet.ALL);
    def("get_prandom_u32", i, ProgSet.ALL);
    def("get_smp_processor_id", i, ProgSet.ALL);
    def("get_numa_node_id", i, ProgSet.ALL);
    add("trace_printk", i, ProgSet.ALL, false, true, PTR_TO_MEM, CONST_SIZE, NONE, NONE, NONE);
    add("probe_read", i, ProgSet.TRACING, false, true, PTR_TO_UNINIT_MEM, CONST_SIZE_OR_ZERO,
        ANYTHING);
    add("probe_read_str", i, ProgSet.TRACING, false, true, PTR_TO_UNINIT_MEM,
        CONST_SIZE_OR_ZERO, ANYTHING);
    add("probe_read_user", i, ProgSet.ALL, false, true, PTR_TO_UNINIT_MEM, CONST_SIZE_OR_ZERO,
        ANYTHING);
    add("probe_read_kernel", i, ProgSet.ALL, false, true, PTR_TO_UNINIT_MEM, CONST_SIZE_OR_ZERO,
        ANYTHING);
    add("probe_read_user_str", i, ProgSet.ALL, false, true, PTR_TO_UNINIT_MEM,
        CONST_SIZE_OR_ZERO, ANYTHING);
    add("probe_read_kernel_str", i, ProgSet.ALL, false, true, PTR_TO_UNINIT_MEM,
        CONST_SIZE_OR_ZERO, ANYTHING);
    def("get_current_pid_tgid", i, ProgSet.ALL);
    // Linux 6.18 gives these to every program type of a privileged loader
    // (bpf_base_func_proto; the verifier corpus's helper_base_*_xdp)
    add("get_current_uid_gid", i, ProgSet.ALL, false, true);
    add("get_current_comm", i, ProgSet.ALL, false, true, PTR_TO_UNINIT_MEM, CONST_SIZE);
    add("get_current_task", i, ProgSet.ALL, false, true);
    // bpf_base_func_proto's CAP_PERFMON part: any program type (Linux 6.18 loads both in xdp)
    add("get_current_task_btf", RetType.BTF_TASK, ProgSet.ALL, false, true);
    add("find_vma", i, ProgSet.ALL, false, true, PTR_TO_BTF_TASK, ANYTHING, PTR_TO_FUNC,
        PTR_TO_STACK_OR_NULL, ANYTHING);
    add("get_current_cgroup_id", i, ProgSet.ALL, false, true);
    def("ringbuf_output", i, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_MEM, CONST_SIZE_OR_ZERO,
        ANYTHING);
    def("ringbuf_reserve", RetType.RINGBUF_MEM_OR_NULL, ProgSet.ALL, CONST_MAP_PTR,
        CONST_ALLOC_SIZE_OR_ZERO, ANYTHING);
    def("ringbuf_submit", v, ProgSet.ALL, PTR_TO_ALLOC_MEM, ANYTHING);
    def("ringbuf_discard", v, ProgSet.ALL, PTR_TO_ALLOC_MEM, ANYTHING);
    def("ringbuf_query", i, ProgSet.ALL, CONST_MAP_PTR, ANYTHING);
    def("perf_event_output", i, ProgSet.ALL, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING,
        PTR_TO_MEM, CONST_SIZE_OR_ZERO);
    def("get_stackid", i, ProgSet.TRACING, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING);
    def("tail_call", v, ProgSet.ALL, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING);
    // every type has them; tracing programs are kept out by their maps ("tracing progs cannot
    // use bpf_spin_lock yet", MemCheck.lddw)
    def("spin_lock", v, ProgSet.ALL, PTR_TO_SPIN_LOCK);
    def("spin_unlock", v, ProgSet.ALL, PTR_TO_SPIN_LOCK);
    def("loop", i, ProgSet.ALL, ANYTHING, PTR_TO_FUNC, PTR_TO_STACK_OR_NULL, ANYTHING);
    def("for_each_map_elem", i, ProgSet.ALL, CONST_MAP_PTR, PTR_TO_FUNC, PTR_TO_STACK_OR_NULL,
        ANYTHING);
    // timers: bpf_base_func_proto's privileged (CAP_BPF) part; the tracing types are kept out
    // by their maps ("tracing progs cannot use bpf_timer yet", MemCheck.lddw)
    add("timer_init", i, ProgSet.ALL, false, true, PTR_TO_TIMER, CONST_MAP_PTR, ANYTHING);
    add("timer_set_callback", i, ProgSet.ALL, false, true, PTR_TO_TIMER, PTR_TO_FUNC);
    add("timer_start", i, ProgSet.ALL, false, true, PTR_TO_TIMER, ANYTHING, ANYTHING);
    add("timer_cancel", i, ProgSet.ALL, false, true, PTR_TO_TIMER);
    // user ring buffers and the dynptrs their callback gets: also CAP_BPF helpers
    add("user_ringbuf_drain", i, ProgSet.ALL, false, true, CONST_MAP_PTR, PTR_TO_FUNC,
        PTR_TO_STACK_OR_NULL, ANYTHING);
    add("dynptr_read", i, ProgSet.ALL, false, true, PTR_TO_UNINIT_MEM, CONST_SIZE_OR_ZERO,
        PTR_TO_DYNPTR, ANYTHING, ANYTHING);
    add("dynptr_data", RetType.DYNPTR_MEM_OR_NULL, ProgSet.ALL, false, true, PTR_TO_DYNPTR,
        ANYTHING, CONST_ALLOC_SIZE_OR_ZERO);
    // dynptrs made on the stack (CAP_BPF as well); bpf_dynptr_from_mem takes only a map value
    // (CallCheck), the flags are checked at run time
    add("dynptr_write", i, ProgSet.ALL, false, true, PTR_TO_DYNPTR, ANYTHING, PTR_TO_MEM,
        CONST_SIZE_OR_ZERO, ANYTHING);
    add("dynptr_from_mem", i, ProgSet.ALL, false, true, PTR_TO_UNINIT_MEM, CONST_SIZE_OR_ZERO,
        ANYTHING, DYNPTR_UNINIT_LOCAL);
    add("ringbuf_reserve_dynptr", i, ProgSet.ALL, false, true, CONST_MAP_PTR, ANYTHING,
        ANYTHING, DYNPTR_UNINIT_RINGBUF);
    add("ringbuf_submit_dynptr", v, ProgSet.ALL, false, true, DYNPTR_RELEASE_RINGBUF, ANYTHING);
    add("ringbuf_discard_dynptr", v, ProgSet.ALL, false, true, DYNPTR_RELEASE_RINGBUF,
        ANYTHING);
    def("strncmp", i, ProgSet.ALL, PTR_TO_MEM, CONST_SIZE, PTR_TO_CONST_STR);
    def("snprintf", i, ProgSet.ALL, PTR_TO_UNINIT_MEM_OR_NULL, CONST_SIZE_OR_ZERO,
        PTR_TO_CONST_STR, PTR_TO_MEM_OR_NULL, CONST_SIZE_OR_ZERO);
    add("xdp_adjust_head", i, ProgSet.XDP_ONLY, true, false, PTR_TO_CTX, ANYTHING);
    add("xdp_adjust_meta", i, ProgSet.XDP_ONLY, true, false, PTR_TO_CTX, ANYTHING);
    add("xdp_adjust_tail", i, ProgSet.XDP_ONLY, true, false, PTR_TO_CTX, ANYTHING);
    def("xdp_get_buff_len", i, ProgSet.XDP_ONLY, PTR_TO_CTX);
    def("xdp_load_bytes", i, ProgSet.XDP_ONLY, PTR_TO_CTX, ANYTHING, PTR_TO_UNINIT_MEM,
        CONST_SIZE);
    // writes the packet's bytes in place: the kernel keeps packet pointers valid across it
    def("xdp_store_bytes", i, ProgSet.XDP_ONLY, PTR_TO_CTX, ANYTHING, PTR_TO_MEM, CONST_SIZE);
    def("redirect", i, ProgSet.XDP_TC_LWT_XMIT, ANYTHING, ANYTHING);
    def("redirect_map", i, ProgSet.XDP_ONLY, CONST_MAP_PTR, ANYTHING, ANYTHING);
    def("skb_load_bytes", i, ProgSet.SKB, PTR_TO_CTX, ANYTHING, PTR_TO_UNINIT_MEM, CONST_SIZE);
    add("skb_store_bytes", i, ProgSet.SKB_WRITE, true, false, PTR_TO_CTX, ANYTHING, PTR_TO_MEM,
        CONST_SIZE, ANYTHING);
    add("skb_pull_data", i, ProgSet.SKB_PULL, true, false, PTR_TO_CTX, ANYTHING);
    def("csum_diff", i, ProgSet.XDP_TC_LWT, PTR_TO_MEM_OR_NULL, CONST_SIZE_OR_ZERO,
        PTR_TO_MEM_OR_NULL, CONST_SIZE_OR_ZERO, ANYTHING);
    add("l3_csum_replace", i, ProgSet.TC_LWT_XMIT, true, false, PTR_TO_CTX, ANYTHING, ANYTHING, ANYTHING,
        ANYTHING);
    add("l4_csum_replace", i, ProgSet.TC_LWT_XMIT, true, false, PTR_TO_CTX, ANYTHING, ANYTHING, ANYTHING,
        ANYTHING);
    def("get_socket_cookie", i, ProgSet.SOCKET_COOKIE, PTR_TO_CTX);
    def("sk_redirect_map", i, ProgSet.SK_SKB_ONLY, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING, ANYTHING);
    def("sk_redirect_hash", i, ProgSet.SK_SKB_ONLY, PTR_TO_CTX, CONST_MAP_PTR, PTR_TO_MAP_KEY,
        ANYTHING);
    def("msg_redirect_map", i, ProgSet.SK_MSG_ONLY, PTR_TO_CTX, CONST_MAP_PTR, ANYTHING,
        ANYTHING);
    def("msg_redirect_hash", i, ProgSet.SK_MSG_ONLY, PTR_TO_CTX, CONST_MAP_PTR, PTR_TO_MAP_KEY,
        ANYTHING);
    def("get_socket_uid", i, ProgSet.SOCKET_UID, PTR_TO_CTX);
    // the skb's classid in tc and lwt programs; the current task's elsewhere (no argument)
    def("get_cgroup_classid", i, ProgSet.TC_LWT, PTR_TO_CTX);
    add("get_cgroup_classid", i, ProgSet.NOT_TC_LWT, false, true);
    def("get_hash_recalc", i, ProgSet.TC_LWT, PTR_TO_CTX);
  }

  /**
   * Helpers the kernel lets read packet memory through a pointer argument ({@code
   * .pkt_access = true} in their {@code bpf_func_proto}); any other helper given a packet
   * pointer is refused with "helper access to the packet is not allowed".
   */
  private static final java.util.Set<String> PACKET_ACCESS = java.util.Set.of("map_lookup_elem",
      "map_update_elem", "map_delete_elem", "map_push_elem", "map_lookup_percpu_elem",
      "csum_diff", "sk_lookup_tcp", "sk_lookup_udp", "skc_lookup_tcp", "tcp_check_syncookie",
      "tcp_gen_syncookie");

  /** True when the helper may be given a pointer into the packet. */
  static boolean packetAccess(HelperProto p) {
    return PACKET_ACCESS.contains(p.name());
  }

  /**
   * The prototype for a helper id in programs of {@code type}: the one whose program types
   * include it, else the first (which then refuses the type); null for an unknown helper.
   */
  static HelperProto of(int id, io.bpf4j.uapi.ProgType type) {
    List<HelperProto> ps = BY_ID.get(id);
    if (ps == null) {
      return null;
    }
    for (HelperProto p : ps) {
      if (p.progs().allows(type)) {
        return p;
      }
    }
    return ps.getFirst();
  }
}
