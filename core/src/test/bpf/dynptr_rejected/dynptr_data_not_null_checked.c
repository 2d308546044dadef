#include "dynptr_maps.h"

/* bpf_dynptr_data may return NULL */
static long cb(struct bpf_dynptr *d, void *ctx) {
  const volatile __u64 *p = bpf_dynptr_data(d, 0, sizeof(*p));
  return *p == 7;
}

SEC("xdp")
int dynptr_data_not_null_checked(struct xdp_md *ctx) {
  return bpf_user_ringbuf_drain(&urb, cb, NULL, 0) > 0 ? XDP_PASS : XDP_DROP;
}
