#include "tp_btf.h"

/* rejected: a pointer argument read with 4 bytes */
SEC("tp_btf/sched_switch")
int sw_ptr_narrow(unsigned long long *ctx)
{
  return *(volatile unsigned int *)&ctx[1];
}
