#include "dynptr_stack.h"

/* made on one path only: after the paths join it is not known to be initialised */
SEC("xdp")
int dynptr_maybe_initialised(struct xdp_md *ctx) {
  __u64 *p = value(), x = 0;
  struct bpf_dynptr d;
  if (!p)
    return XDP_PASS;
  if (ctx->data_end - ctx->data > 60)
    bpf_dynptr_from_mem(p, 8, 0, &d);
  bpf_dynptr_read(&x, 8, &d, 0, 0);
  return x ? XDP_PASS : XDP_DROP;
}
