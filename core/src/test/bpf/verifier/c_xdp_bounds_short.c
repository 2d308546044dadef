#include "corpus.h"

#include <linux/if_ether.h>
SEC("xdp") int c_xdp_bounds_short(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if (data + 12 > end) return XDP_PASS;
  return eth->h_proto == 8 ? XDP_DROP : XDP_PASS;
}
