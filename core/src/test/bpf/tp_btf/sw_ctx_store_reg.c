#include "tp_btf.h"

/* rejected: a register stored into the context */
SEC("tp_btf/sched_switch")
int sw_ctx_store_reg(unsigned long long *ctx)
{
  unsigned long long v = ctx[3];
  *(volatile unsigned long long *)&ctx[0] = v + 1;
  return 0;
}
