#include "dynptr_stack.h"

/* a submitted ring buffer dynptr is invalid */
SEC("xdp")
int dynptr_used_after_submit(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  __u64 x = 0;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  bpf_ringbuf_submit_dynptr(&d, 0);
  bpf_dynptr_read(&x, 8, &d, 0, 0);
  return x ? XDP_PASS : XDP_DROP;
}
