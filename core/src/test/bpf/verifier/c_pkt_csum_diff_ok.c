#include "corpus.h"

/* bpf_csum_diff may read the packet directly (pkt_access in the kernel). */
SEC("xdp") int c_pkt_csum_diff_ok(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 8 > end) return XDP_PASS;
  return bpf_csum_diff(0, 0, data, 8, 0) & 1 ? XDP_DROP : XDP_PASS;
}
