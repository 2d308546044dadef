#include "dynptr_stack.h"

/* bpf_ringbuf_reserve_dynptr takes a BPF_MAP_TYPE_RINGBUF */
SEC("xdp")
int reserve_dynptr_wrong_map(struct xdp_md *ctx) {
  struct bpf_dynptr d;
  bpf_ringbuf_reserve_dynptr(&arr, 8, 0, &d);
  bpf_ringbuf_discard_dynptr(&d, 0);
  return XDP_PASS;
}
