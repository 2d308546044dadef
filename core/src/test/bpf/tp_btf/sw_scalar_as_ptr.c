#include "tp_btf.h"

/* rejected: prev_state is an unsigned int, not a pointer */
SEC("tp_btf/sched_switch")
int sw_scalar_as_ptr(unsigned long long *ctx)
{
  return *(volatile int *)ctx[3];
}
