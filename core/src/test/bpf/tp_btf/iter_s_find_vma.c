#include "tp_btf.h"

/* rejected: a sleepable iterator (iter.s/) runs outside an RCU read-side section, so the
 * task's real_parent, RCU-protected, is an untrusted pointer there, which bpf_find_vma
 * refuses (in iter/task it is an rcu_ptr_ and accepted) */
struct task_struct___walk {
  struct task_struct___walk *real_parent;
} __attribute__((preserve_access_index));

static long cb(struct task_struct *task, void *vma, void *data)
{
  return 0;
}

SEC("iter.s/task")
int iter_s_find_vma(unsigned long long *ctx)
{
  struct task_struct___walk *t = (void *)ctx[1];
  if (!t)
    return 0;
  bpf_find_vma((struct task_struct *)t->real_parent, 0, cb, NULL, 0);
  return 0;
}
