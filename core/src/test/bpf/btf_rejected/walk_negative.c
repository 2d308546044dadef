#include "walk.h"

/* before the start of the parent's struct */
SEC("raw_tp/sys_enter")
int walk_negative(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  struct task_struct *p = t->real_parent;
  return *(volatile __u64 *)((char *)p - 8);
}
