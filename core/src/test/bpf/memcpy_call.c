/* Calls memcpy with a size clang cannot inline (built with -fno-builtin): no loader can
 * resolve it, and the error must name the function and the instruction. */
#include "common.h"
extern void *memcpy(void *d, const void *s, unsigned long n);
struct big { char b[256]; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, struct big); __uint(max_entries, 2); } bufs SEC(".maps");
SEC("xdp") int copies(struct xdp_md *ctx) {
  __u32 k0 = 0, k1 = 1;
  struct big *a = bpf_map_lookup_elem(&bufs, &k0), *b = bpf_map_lookup_elem(&bufs, &k1);
  if (!a || !b) return XDP_PASS;
  memcpy(a, b, ctx->ingress_ifindex & 0xff);
  return XDP_DROP;
}
LICENSE_GPL;
