#include "corpus.h"

/* bpf_ringbuf_output may not read packet memory: the kernel gives direct packet access only
 * to helpers marked pkt_access (map lookup/update/delete/push, csum_diff, socket lookups). */
SEC("xdp") int c_pkt_ringbuf_output(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 16 > end) return XDP_PASS;
  bpf_ringbuf_output(&rb, data, 16, 0);
  return XDP_PASS;
}
