#include "dynptr_stack.h"

/* a dynptr cannot be copied byte by byte */
SEC("xdp")
int dynptr_copied(struct xdp_md *ctx) {
  __u64 *p = value(), x = 0;
  struct bpf_dynptr d, e;
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 8, 0, &d);
  __builtin_memcpy(&e, &d, sizeof(d));
  bpf_dynptr_read(&x, 8, &e, 0, 0);
  return x ? XDP_PASS : XDP_DROP;
}
