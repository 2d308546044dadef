#include "dynptr_stack.h"

/* a bpf_loop callback may not release the ring buffer dynptr its caller holds */
static long each(__u32 i, struct bpf_dynptr *d) {
  bpf_ringbuf_discard_dynptr(d, 0);
  return 1;
}

SEC("xdp")
int callback_releases_caller_dynptr(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  bpf_loop(1, each, &d, 0);
  return XDP_PASS;
}
