#include "dynptr_stack.h"

/* a helper's output buffer may not cover a dynptr */
SEC("xdp")
int helper_writes_over_dynptr(struct xdp_md *ctx) {
  __u64 *p = value();
  struct bpf_dynptr d;
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 16, 0, &d);
  bpf_get_current_comm(&d, 16);
  return XDP_PASS;
}
