#include "corpus.h"

SEC("cgroup_skb/ingress") int c_cgroup_skb_verdict(struct __sk_buff *skb)
{
  return skb->len > 1000 ? 0 : 1;
}
