#include "dynptr_stack.h"

/* a ring buffer dynptr is released once */
SEC("xdp")
int ringbuf_dynptr_discarded_twice(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  bpf_ringbuf_discard_dynptr(&d, 0);
  bpf_ringbuf_discard_dynptr(&d, 0);
  return XDP_PASS;
}
