#include "dynptr_stack.h"

/* the dynptr must be released even when the reserve failed */
SEC("xdp")
int ringbuf_dynptr_leak_on_failure(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  if (bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d))
    return XDP_DROP;
  bpf_ringbuf_submit_dynptr(&d, 0);
  return XDP_PASS;
}
