#include "corpus.h"

/* Map helpers may read their key straight from the packet (pkt_access in the kernel). */
SEC("xdp") int c_pkt_map_key_ok(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 4 > end) return XDP_PASS;
  struct val *v = bpf_map_lookup_elem(&hmap, data);
  return v ? XDP_DROP : XDP_PASS;
}
