#include "timer_maps.h"

/* a pointer into the value that is not its bpf_timer */
SEC("xdp")
int timer_wrong_offset(struct xdp_md *ctx) {
  __u32 k = 0;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  return bpf_timer_init((struct bpf_timer *)&v->fired, &arr, 1) == 0 ? XDP_PASS : XDP_DROP;
}
