#include "timer_maps.h"

/* the timer is in arr's value, the map argument is another map */
SEC("xdp")
int timer_other_map(struct xdp_md *ctx) {
  __u32 k = 0;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  return bpf_timer_init(&v->t, &other, 1) == 0 ? XDP_PASS : XDP_DROP;
}
