#include "corpus.h"

static __attribute__((noinline)) int fill(char *b, int n)
{
  for (int i = 0; i < 8; i++) b[i] = n;
  return b[3];
}
SEC("socket") int c_subprog_stack_buf(struct __sk_buff *skb)
{
  char buf[8];
  return fill(buf, skb->len);
}
