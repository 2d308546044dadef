#include "tp_btf.h"

/* accepted: every argument of sched_switch (preempt, prev, next, prev_state), the scalars
 * read narrowly too; a NULL check of a trusted argument is decided (never NULL) */
__u64 out[4];

SEC("tp_btf/sched_switch")
int sw_all_args(unsigned long long *ctx)
{
  struct task_struct *next = (void *)ctx[2];
  out[0] = *(volatile unsigned char *)&ctx[0];
  out[1] = *(volatile unsigned int *)&ctx[3];
  out[2] = ((struct task_struct *)ctx[1])->pid;
  if (!next)
    return 1;
  out[3] = next->tgid;
  return 0;
}
