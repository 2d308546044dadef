#include "dynptr_maps.h"

/* a dynptr argument must point at the dynptr itself, not into it */
static long cb(struct bpf_dynptr *d, void *ctx) {
  __u64 v = 0;
  bpf_dynptr_read(&v, sizeof(v), (struct bpf_dynptr *)((char *)d + 8), 0, 0);
  return v == 7;
}

SEC("xdp")
int dynptr_offset(struct xdp_md *ctx) {
  return bpf_user_ringbuf_drain(&urb, cb, NULL, 0) > 0 ? XDP_PASS : XDP_DROP;
}
