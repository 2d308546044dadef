#include "corpus.h"

SEC("socket") int c_printk(struct __sk_buff *skb)
{
  bpf_printk("len %d", skb->len);
  return 0;
}
