/* XDP counting packets and bytes per protocol in an array map and a hash map. */
#include "common.h"
#include <linux/if_ether.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 2); } stats SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u16); __type(value, __u64); __uint(max_entries, 64); } by_proto SEC(".maps");
SEC("xdp") int xdp_count(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  __u32 k = 0;
  __u64 *pk = bpf_map_lookup_elem(&stats, &k);
  if (pk) __sync_fetch_and_add(pk, 1);
  k = 1;
  __u64 *bytes = bpf_map_lookup_elem(&stats, &k);
  if (bytes) __sync_fetch_and_add(bytes, end - data);
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end) return XDP_DROP;
  __u16 proto = eth->h_proto;
  __u64 one = 1, *c = bpf_map_lookup_elem(&by_proto, &proto);
  if (c) (*c)++; else bpf_map_update_elem(&by_proto, &proto, &one, BPF_ANY);
  return XDP_PASS;
}
LICENSE_GPL;
