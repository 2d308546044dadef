/* Every common BTF-defined map kind, flags, map_extra and numa_node. */
#include "common.h"
struct val { __u64 packets; __u64 bytes; };
struct lpm_key { __u32 prefixlen; __u32 addr; };
struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, struct val); __uint(max_entries, 1024); } h SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_HASH); __type(key, __u64); __type(value, __u32); __uint(max_entries, 16); __uint(map_flags, BPF_F_NO_PREALLOC); } ph SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 128); } lru SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 128); } lru_pc SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LPM_TRIE); __type(key, struct lpm_key); __type(value, __u32); __uint(max_entries, 256); __uint(map_flags, BPF_F_NO_PREALLOC); } lpm SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_QUEUE); __type(value, __u32); __uint(max_entries, 32); } q SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK); __uint(value_size, 8); __uint(max_entries, 32); } st SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_BLOOM_FILTER); __type(value, __u32); __uint(max_entries, 100); __uint(map_extra, 3); } bloom SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(key_size, 4); __uint(value_size, 16); __uint(max_entries, 3); __uint(numa_node, 0); __uint(map_flags, BPF_F_NUMA_NODE); } sized SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); } events SEC(".maps");
SEC("xdp") int use_maps(struct xdp_md *ctx) {
  __u32 k = 1, v32 = 2; __u64 k64 = 3, v64 = 4; struct val v = {1, 2}; struct lpm_key lk = {32, 0x0100007f};
  bpf_map_update_elem(&h, &k, &v, BPF_ANY);
  bpf_map_update_elem(&ph, &k64, &v32, BPF_ANY);
  bpf_map_update_elem(&lru, &k, &v64, BPF_ANY);
  bpf_map_update_elem(&lru_pc, &k, &v64, BPF_ANY);
  bpf_map_update_elem(&lpm, &lk, &v32, BPF_ANY);
  bpf_ringbuf_output(&rb, &v, sizeof(v), 0);
  bpf_map_push_elem(&q, &v32, 0);
  bpf_map_push_elem(&st, &v64, 0);
  bpf_map_push_elem(&bloom, &v32, 0);
  bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &v, sizeof(v));
  return bpf_map_lookup_elem(&sized, &k) ? XDP_PASS : XDP_DROP;
}
LICENSE_GPL;
