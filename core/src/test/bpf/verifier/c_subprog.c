#include "corpus.h"

static __attribute__((noinline)) int sq(int x) { return x * x; }
SEC("socket") int c_subprog(struct __sk_buff *skb)
{
  return sq(skb->len & 15);
}
