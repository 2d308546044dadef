#include "corpus.h"

#include <linux/if_ether.h>
SEC("tc") int c_tc_pkt_write(struct __sk_buff *skb)
{
  void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > end) return 0;
  eth->h_dest[0] = 0xff;
  return 0;
}
