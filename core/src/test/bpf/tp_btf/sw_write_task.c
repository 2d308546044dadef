#include "tp_btf.h"

/* rejected: a trusted task is read only */
SEC("tp_btf/sched_switch")
int BPF_PROG(sw_write_task, bool preempt, struct task_struct *prev, struct task_struct *next)
{
  next->pid = 0;
  return 0;
}
