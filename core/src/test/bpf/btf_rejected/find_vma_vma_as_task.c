#include "btf_maps.h"

static long inner(struct task_struct *task, struct vm_area_struct *vma, void *ctx) {
  return 0;
}

/* a VMA is not a task */
static long cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx) {
  bpf_find_vma((struct task_struct *)vma, 0, inner, NULL, 0);
  return 0;
}

SEC("raw_tp/sys_enter")
int find_vma_vma_as_task(__u64 *args) {
  return bpf_find_vma(bpf_get_current_task_btf(), args[0], cb, NULL, 0);
}
