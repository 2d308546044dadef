#include "dynptr_maps.h"

/* a dynptr is opaque: only the dynptr helpers may read through it */
static long cb(struct bpf_dynptr *d, void *ctx) {
  return *(volatile __u64 *)d == 7;
}

SEC("xdp")
int dynptr_direct_load(struct xdp_md *ctx) {
  return bpf_user_ringbuf_drain(&urb, cb, NULL, 0) > 0 ? XDP_PASS : XDP_DROP;
}
