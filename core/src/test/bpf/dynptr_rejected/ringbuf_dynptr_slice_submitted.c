#include "dynptr_stack.h"

/* a ring buffer dynptr's slice is not a reservation of bpf_ringbuf_reserve */
SEC("xdp")
int ringbuf_dynptr_slice_submitted(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  void *q = bpf_dynptr_data(&d, 0, 8);
  if (q)
    bpf_ringbuf_submit(q, 0);
  bpf_ringbuf_discard_dynptr(&d, 0);
  return XDP_PASS;
}
