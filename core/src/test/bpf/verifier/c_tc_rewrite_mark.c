#include "corpus.h"

SEC("tc") int c_tc_rewrite_mark(struct __sk_buff *skb)
{
  skb->mark = skb->len;
  skb->tc_classid = 1;
  return 0;
}
