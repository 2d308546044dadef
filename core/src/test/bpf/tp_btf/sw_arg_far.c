#include "tp_btf.h"

/* rejected: ctx[7], well past the arguments */
SEC("tp_btf/sched_switch")
int sw_arg_far(unsigned long long *ctx)
{
  return ctx[7];
}
