#include "tp_btf.h"

/* rejected: a 4-byte read of the upper half of an argument */
SEC("tp_btf/sched_switch")
int sw_misaligned(unsigned long long *ctx)
{
  return *(volatile unsigned int *)((char *)ctx + 28);
}
