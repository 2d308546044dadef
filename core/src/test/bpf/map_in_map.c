/* Maps of maps with initial values, and a program array initialised with programs. */
#include "common.h"
struct inner { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u32); __uint(max_entries, 4); };
struct inner in_a SEC(".maps"), in_b SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS); __uint(max_entries, 4); __type(key, __u32); __array(values, struct inner); } outer SEC(".maps") = { .values = { [0] = &in_a, [2] = &in_b } };
struct { __uint(type, BPF_MAP_TYPE_HASH_OF_MAPS); __uint(max_entries, 8); __type(key, __u32); __array(values, struct inner); } outer_hash SEC(".maps");
SEC("xdp") int tail_a(struct xdp_md *ctx) { return XDP_PASS; }
SEC("xdp") int tail_b(struct xdp_md *ctx) { return XDP_DROP; }
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 3); __type(key, __u32); __array(values, int (void *)); } jumps SEC(".maps") = { .values = { [1] = (void *)&tail_a, [2] = (void *)&tail_b } };
SEC("xdp") int entry(struct xdp_md *ctx) {
  __u32 k = 2;
  void *m = bpf_map_lookup_elem(&outer, &k);
  if (m) { __u32 *v = bpf_map_lookup_elem(m, &k); if (v) return *v; }
  bpf_tail_call(ctx, &jumps, ctx->rx_queue_index & 1 ? 1 : 2);
  return XDP_ABORTED;
}
LICENSE_GPL;
