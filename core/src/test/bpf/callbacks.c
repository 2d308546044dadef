/* Function pointers: bpf_loop and bpf_for_each_map_elem callbacks (lddw of a function). */
#include "common.h"
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 8); } arr SEC(".maps");
struct ctx_sum { __u64 sum; };
static int add_index(__u32 i, void *c) { ((struct ctx_sum *)c)->sum += i; return 0; }
static __u64 add_elem(void *map, __u32 *key, __u64 *val, void *c) { ((struct ctx_sum *)c)->sum += *val; return 0; }
SEC("xdp") int loops(struct xdp_md *ctx) {
  struct ctx_sum s = {0};
  bpf_loop(10, add_index, &s, 0);
  bpf_for_each_map_elem(&arr, add_elem, &s, 0);
  return s.sum == 45 ? XDP_PASS : XDP_DROP;
}
LICENSE_GPL;
