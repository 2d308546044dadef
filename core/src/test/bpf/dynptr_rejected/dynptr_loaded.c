#include "dynptr_stack.h"

/* a dynptr's bytes are not data: loads of them are refused */
SEC("xdp")
int dynptr_loaded(struct xdp_md *ctx) {
  __u64 *p = value();
  struct bpf_dynptr d;
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 8, 0, &d);
  return *(volatile __u64 *)((char *)&d + 8) ? XDP_PASS : XDP_DROP;
}
