#include "dynptr_stack.h"

/* a second reserve over a live ring buffer dynptr would leak the first */
SEC("xdp")
int ringbuf_dynptr_double_init(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &d);
  bpf_ringbuf_discard_dynptr(&d, 0);
  return XDP_PASS;
}
