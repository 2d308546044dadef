#include "dynptr_stack.h"

/* the memory bpf_dynptr_data gave dies with the local dynptr */
SEC("xdp")
int dynptr_slice_after_overwrite(struct xdp_md *ctx) {
  __u64 *p = value();
  struct bpf_dynptr d;
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 16, 0, &d);
  volatile __u64 *q = bpf_dynptr_data(&d, 0, 8);
  if (!q)
    return XDP_PASS;
  *(volatile __u64 *)&d = 0;
  return *q ? XDP_PASS : XDP_DROP;
}
