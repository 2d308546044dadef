#include "walk.h"

static long cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx) {
  return 0;
}

/* a syscall program may sleep: outside an RCU section real_parent is untrusted, and
 * bpf_find_vma refuses it (a raw tracepoint may pass it: it is an RCU pointer there) */
SEC("syscall")
int walk_sleepable_to_helper(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  return bpf_find_vma(t->real_parent, 0, cb, NULL, 0);
}
