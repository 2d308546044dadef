#include "tp_btf.h"

/* rejected: ctx[12], past the 12 u64s any tracing context can have */
SEC("tp_btf/sched_switch")
int sw_ctx_past_max(unsigned long long *ctx)
{
  return ctx[12];
}
