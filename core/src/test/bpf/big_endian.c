/* Compiled for big-endian BPF (-target bpfeb): maps, globals and a subprogram. */
#include "common.h"
struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 8); } be_map SEC(".maps");
const volatile __u32 magic = 0x11223344;
__u64 total = 0x0102030405060708ULL;
static __noinline __u64 mix(__u64 x) { return x ^ magic; }
SEC("xdp") int be_prog(struct xdp_md *ctx) {
  __u32 k = magic; __u64 *v = bpf_map_lookup_elem(&be_map, &k);
  total += mix(v ? *v : 0);
  return XDP_PASS;
}
LICENSE_GPL;
