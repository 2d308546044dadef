#include "dynptr_maps.h"

/* the memory bpf_dynptr_data gives is as long as asked for, here 8 bytes */
static long cb(struct bpf_dynptr *d, void *ctx) {
  const volatile __u64 *p = bpf_dynptr_data(d, 0, sizeof(*p));
  if (!p)
    return 1;
  return p[1] == 7;
}

SEC("xdp")
int dynptr_data_past_end(struct xdp_md *ctx) {
  return bpf_user_ringbuf_drain(&urb, cb, NULL, 0) > 0 ? XDP_PASS : XDP_DROP;
}
