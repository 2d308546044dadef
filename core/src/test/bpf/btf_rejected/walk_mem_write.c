#include "walk.h"

/* task->stack points at no struct: read-only untrusted memory */
SEC("raw_tp/sys_enter")
int walk_mem_write(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  *(volatile __u64 *)t->stack = 0;
  return 0;
}
