#include "dynptr_stack.h"

/* one path makes a ring buffer dynptr in a and a local one in b, the other the reverse: the
 * paths may not be taken as one where they join, since discarding a is wrong on the second */
SEC("xdp")
int dynptr_kinds_swapped(struct xdp_md *ctx) {
  __u64 *p = value();
  struct bpf_dynptr a, b;
  if (!p)
    return XDP_PASS;
  if (ctx->data_end - ctx->data > 60) {
    bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &a);
    bpf_dynptr_from_mem(p, 8, 0, &b);
  } else {
    bpf_dynptr_from_mem(p, 8, 0, &a);
    bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &b);
  }
  bpf_ringbuf_discard_dynptr(&a, 0);
  return XDP_PASS;
}
