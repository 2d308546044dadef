#include "tp_btf.h"

/* refused before any verifier: the kernel has no tracepoint 'nosuch' (no btf_trace_nosuch) */
int seen;

SEC("tp_btf/nosuch")
int BPF_PROG(sw_nosuch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
  seen = next->pid;
  return 0;
}
