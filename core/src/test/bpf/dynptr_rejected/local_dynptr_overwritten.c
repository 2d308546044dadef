#include "dynptr_stack.h"

/* a store destroys a local dynptr: it is no longer initialised */
SEC("xdp")
int local_dynptr_overwritten(struct xdp_md *ctx) {
  __u64 *p = value(), x = 0;
  struct bpf_dynptr d;
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 8, 0, &d);
  *(volatile __u64 *)((char *)&d + 8) = 0;
  bpf_dynptr_read(&x, 8, &d, 0, 0);
  return x ? XDP_PASS : XDP_DROP;
}
