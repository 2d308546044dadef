#include "dynptr_stack.h"

/* a ring buffer dynptr holds a reference: submit or discard it before the exit */
SEC("xdp")
int ringbuf_dynptr_leak(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  return XDP_PASS;
}
