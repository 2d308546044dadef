#include "timer_maps.h"

/* the timer must be in a map value, not on the stack */
SEC("xdp")
int timer_on_stack(struct xdp_md *ctx) {
  struct elem e = {};
  return bpf_timer_init(&e.t, &arr, 1) == 0 ? XDP_PASS : XDP_DROP;
}
