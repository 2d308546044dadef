#include "dynptr_stack.h"

/* the memory bpf_dynptr_data gave dies with the ring buffer dynptr */
SEC("xdp")
int dynptr_slice_after_submit(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  volatile __u64 *q = bpf_dynptr_data(&d, 0, 8);
  if (!q) {
    bpf_ringbuf_discard_dynptr(&d, 0);
    return XDP_PASS;
  }
  bpf_ringbuf_submit_dynptr(&d, 0);
  return *q ? XDP_PASS : XDP_DROP;
}
