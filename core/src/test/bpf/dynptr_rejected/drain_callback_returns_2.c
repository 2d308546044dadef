#include "dynptr_maps.h"

/* a drain callback returns 0 (go on) or 1 (stop) */
static long cb(struct bpf_dynptr *d, void *ctx) {
  return 2;
}

SEC("xdp")
int drain_callback_returns_2(struct xdp_md *ctx) {
  return bpf_user_ringbuf_drain(&urb, cb, NULL, 0) > 0 ? XDP_PASS : XDP_DROP;
}
