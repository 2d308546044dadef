#include "dynptr_stack.h"

/* a dynptr argument points at its first slot, not into it */
SEC("xdp")
int dynptr_second_half(struct xdp_md *ctx) {
  __u64 *p = value(), x = 0;
  struct {
    struct bpf_dynptr d;
    __u64 pad;
  } s;
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 16, 0, &s.d);
  bpf_dynptr_read(&x, 8, (struct bpf_dynptr *)((char *)&s.d + 8), 0, 0);
  return x ? XDP_PASS : XDP_DROP;
}
