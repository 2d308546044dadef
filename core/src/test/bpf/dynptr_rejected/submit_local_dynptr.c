#include "dynptr_stack.h"

/* only a ring buffer dynptr is submitted */
SEC("xdp")
int submit_local_dynptr(struct xdp_md *ctx) {
  __u64 *p = value();
  struct bpf_dynptr d;
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 8, 0, &d);
  bpf_ringbuf_submit_dynptr(&d, 0);
  return XDP_PASS;
}
