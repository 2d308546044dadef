#include "walk.h"

/* pointer arithmetic with a constant is allowed, with a variable the load is refused */
SEC("raw_tp/sys_enter")
int walk_variable_offset(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  struct task_struct *p = t->real_parent;
  __u32 i = bpf_get_prandom_u32() & 8;
  return *(volatile __u64 *)((char *)p + i);
}
