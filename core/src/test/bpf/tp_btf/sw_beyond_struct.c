#include "tp_btf.h"

/* rejected: a read past the end of struct task_struct through a trusted argument */
SEC("tp_btf/sched_switch")
int sw_beyond_struct(unsigned long long *ctx)
{
  char *next = (char *)ctx[2];
  return *(volatile int *)(next + 65536);
}
