#include "dynptr_maps.h"

/* a dynptr on the stack that no helper initialised */
SEC("xdp")
int dynptr_on_stack(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  __u64 v = 0;
  __builtin_memset(&d, 0, sizeof(d));
  return bpf_dynptr_read(&v, sizeof(v), &d, 0, 0) == 0 ? XDP_PASS : XDP_DROP;
}
