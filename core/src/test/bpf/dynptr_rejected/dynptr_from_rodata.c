#include "dynptr_stack.h"

/* bpf_dynptr_from_mem's memory is writable: a read-only map is refused */
SEC("xdp")
int dynptr_from_rodata(struct xdp_md *ctx) {
  static const volatile __u64 ro[4] = {1, 2, 3, 4};
  struct bpf_dynptr d;
  __u64 x = 0;
  bpf_dynptr_from_mem((void *)ro, sizeof(ro), 0, &d);
  bpf_dynptr_read(&x, 8, &d, 0, 0);
  return x ? XDP_PASS : XDP_DROP;
}
