#include "tp_btf.h"

/* rejected: the context is read only */
SEC("tp_btf/sched_switch")
int sw_ctx_write(unsigned long long *ctx)
{
  *(volatile unsigned long long *)&ctx[3] = 7;
  return 0;
}
