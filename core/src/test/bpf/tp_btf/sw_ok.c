#include "tp_btf.h"

/* accepted: prev and next are trusted task_struct pointers, used without a NULL check */
int seen;

SEC("tp_btf/sched_switch")
int BPF_PROG(sw_ok, bool preempt, struct task_struct *prev, struct task_struct *next)
{
  seen = next->pid + prev->tgid;
  return 0;
}
