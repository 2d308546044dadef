#include "tp_btf.h"

/* rejected: sched_switch has 4 arguments; ctx[4] is past them */
SEC("tp_btf/sched_switch")
int sw_arg_out_of_range(unsigned long long *ctx)
{
  return ctx[4];
}
