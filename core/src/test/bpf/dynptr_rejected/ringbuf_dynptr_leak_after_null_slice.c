#include "dynptr_stack.h"

/* a NULL slice does not release the ring buffer dynptr it came from */
SEC("xdp")
int ringbuf_dynptr_leak_after_null_slice(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  __u64 *q = bpf_dynptr_data(&d, 0, 8);
  if (!q)
    return XDP_DROP;
  *q = 1;
  bpf_ringbuf_submit_dynptr(&d, 0);
  return XDP_PASS;
}
