#include "dynptr_stack.h"

/* the dynptr bpf_user_ringbuf_drain lends its callback is not the callback's to release */
static long cb(struct bpf_dynptr *d, void *ctx) {
  bpf_ringbuf_submit_dynptr(d, 0);
  return 0;
}

SEC("xdp")
int submit_callback_dynptr(struct xdp_md *ctx) {
  return bpf_user_ringbuf_drain(&urb, cb, NULL, 0) > 0 ? XDP_PASS : XDP_DROP;
}
