#include "walk.h"

/* 8 bytes from the 4-byte pid of the parent: beyond the member */
SEC("raw_tp/sys_enter")
int walk_member_overrun(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  return *(volatile __u64 *)&t->real_parent->pid;
}
