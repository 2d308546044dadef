#include "dynptr_stack.h"

/* bpf_dynptr_from_mem takes a map value, not stack memory */
SEC("xdp")
int dynptr_from_stack(struct xdp_md *ctx) {
  char buf[16] = {};
  struct bpf_dynptr d;
  __u64 x = 0;
  bpf_dynptr_from_mem(buf, sizeof(buf), 0, &d);
  bpf_dynptr_read(&x, 8, &d, 0, 0);
  return x ? XDP_PASS : XDP_DROP;
}
