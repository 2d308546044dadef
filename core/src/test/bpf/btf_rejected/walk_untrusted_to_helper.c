#include "walk.h"

static long cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx) {
  return 0;
}

/* mm->owner is untrusted: bpf_find_vma takes trusted, RCU or old-style task pointers */
SEC("raw_tp/sys_enter")
int walk_untrusted_to_helper(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  return bpf_find_vma(t->mm->owner, 0, cb, NULL, 0);
}
