#include "corpus.h"

#include <linux/if_ether.h>
SEC("xdp") int c_xdp_no_bounds(struct xdp_md *ctx)
{
  struct ethhdr *eth = (void *)(long)ctx->data;
  return eth->h_proto == 8 ? XDP_DROP : XDP_PASS;
}
