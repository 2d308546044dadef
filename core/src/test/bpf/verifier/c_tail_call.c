#include "corpus.h"

SEC("socket") int c_tail_call(struct __sk_buff *skb)
{
  bpf_tail_call(skb, &jmp, skb->len & 3);
  return 0;
}
