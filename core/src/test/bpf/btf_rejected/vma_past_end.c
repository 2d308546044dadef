#include "btf_maps.h"

/* a read past the end of struct vm_area_struct */
static long cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx) {
  return *(volatile unsigned long *)((char *)vma + 65536) == 7;
}

SEC("raw_tp/sys_enter")
int vma_past_end(__u64 *args) {
  return bpf_find_vma(bpf_get_current_task_btf(), args[0], cb, NULL, 0);
}
