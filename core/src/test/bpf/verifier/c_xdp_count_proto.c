#include "corpus.h"

#include <linux/if_ether.h>
SEC("xdp") int c_xdp_count_proto(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end) return XDP_PASS;
  __u32 k = eth->h_proto & 3;
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  if (v) __sync_fetch_and_add(&v->a, 1);
  return XDP_PASS;
}
