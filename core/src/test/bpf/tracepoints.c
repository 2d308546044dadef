/* Tracepoints by both prefixes, raw tracepoints by both prefixes. */
#include "common.h"
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 4); } hits SEC(".maps");
static __always_inline void hit(__u32 k) { __u64 *v = bpf_map_lookup_elem(&hits, &k); if (v) (*v)++; }
SEC("tracepoint/syscalls/sys_enter_write") int tp_write(void *ctx) { hit(0); return 0; }
SEC("tp/sched/sched_switch") int tp_switch(void *ctx) { hit(1); return 0; }
SEC("raw_tracepoint/sys_enter") int raw_enter(struct bpf_raw_tracepoint_args *ctx) { hit(2); return ctx->args[1] == 1; }
SEC("raw_tp/sys_exit") int raw_exit(struct bpf_raw_tracepoint_args *ctx) { hit(3); return 0; }
LICENSE_GPL;
