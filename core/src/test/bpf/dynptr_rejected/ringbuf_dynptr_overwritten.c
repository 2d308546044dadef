#include "dynptr_stack.h"

/* a store into a live ring buffer dynptr */
SEC("xdp")
int ringbuf_dynptr_overwritten(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  *(volatile __u32 *)((char *)&d + 12) = 0;
  bpf_ringbuf_discard_dynptr(&d, 0);
  return XDP_PASS;
}
