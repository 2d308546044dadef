#include "walk.h"

/* half of a pointer member: a pointer is read whole */
SEC("raw_tp/sys_enter")
int walk_ptr_size(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  return *(volatile __u32 *)&t->real_parent;
}
