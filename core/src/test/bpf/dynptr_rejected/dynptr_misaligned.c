#include "dynptr_stack.h"

/* a dynptr lies at an 8-aligned stack offset */
SEC("xdp")
int dynptr_misaligned(struct xdp_md *ctx) {
  __u64 *p = value();
  char buf[32];
  if (!p)
    return XDP_PASS;
  bpf_dynptr_from_mem(p, 16, 0, (struct bpf_dynptr *)(buf + 4));
  return XDP_PASS;
}
