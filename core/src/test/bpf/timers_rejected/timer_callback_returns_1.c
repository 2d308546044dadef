#include "timer_maps.h"

/* a timer callback must return 0 */
static int cb(void *map, __u32 *key, struct elem *v) {
  return 1;
}

SEC("xdp")
int timer_callback_returns_1(struct xdp_md *ctx) {
  __u32 k = 0;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  bpf_timer_init(&v->t, &arr, 1);
  return bpf_timer_set_callback(&v->t, cb) == 0 ? XDP_PASS : XDP_DROP;
}
