#include "btf_maps.h"

static long cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx) {
  return 0;
}

/* bpf_find_vma's first argument is a task from bpf_get_current_task_btf */
SEC("raw_tp/sys_enter")
int find_vma_not_a_task(__u64 *args) {
  return bpf_find_vma((struct task_struct *)bpf_get_current_task(), args[0], cb, NULL, 0);
}
