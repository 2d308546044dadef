#include "dynptr_maps.h"

/* a user ring buffer has no elements to look up */
SEC("xdp")
int lookup_user_ringbuf(struct xdp_md *ctx) {
  __u32 k = 0;
  return bpf_map_lookup_elem(&urb, &k) ? XDP_PASS : XDP_DROP;
}
