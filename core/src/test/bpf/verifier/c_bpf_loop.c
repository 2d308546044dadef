#include "corpus.h"

static int add_one(__u32 i, void *c) { (*(int *)c)++; return 0; }
SEC("socket") int c_bpf_loop(void *ctx)
{
  int n = 0;
  bpf_loop(1000000, add_one, &n, 0);
  return n & 1;
}
