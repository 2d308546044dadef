#include "tp_btf.h"

/* rejected: an 8-byte read at offset 12 (not a multiple of its size) */
SEC("tp_btf/sched_switch")
int sw_unaligned_size(unsigned long long *ctx)
{
  return *(volatile unsigned long long *)((char *)ctx + 12);
}
