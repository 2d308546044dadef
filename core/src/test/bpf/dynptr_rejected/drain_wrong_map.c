#include "dynptr_maps.h"

static long cb(struct bpf_dynptr *d, void *ctx) {
  return 0;
}

/* bpf_user_ringbuf_drain takes only a BPF_MAP_TYPE_USER_RINGBUF */
SEC("xdp")
int drain_wrong_map(struct xdp_md *ctx) {
  return bpf_user_ringbuf_drain(&arr, cb, NULL, 0) > 0 ? XDP_PASS : XDP_DROP;
}
