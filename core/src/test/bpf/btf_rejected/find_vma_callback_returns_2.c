#include "btf_maps.h"

/* a find_vma callback returns 0 or 1 */
static long cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx) {
  return 2;
}

SEC("raw_tp/sys_enter")
int find_vma_callback_returns_2(__u64 *args) {
  return bpf_find_vma(bpf_get_current_task_btf(), args[0], cb, NULL, 0);
}
