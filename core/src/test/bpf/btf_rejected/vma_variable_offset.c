#include "btf_maps.h"

/* reads of a kernel struct are at constant offsets */
static long cb(struct task_struct *task, struct vm_area_struct *vma, __u64 *i) {
  return *(volatile unsigned long *)((char *)vma + (*i & 8)) == 7;
}

SEC("raw_tp/sys_enter")
int vma_variable_offset(__u64 *args) {
  __u64 i = args[1];
  return bpf_find_vma(bpf_get_current_task_btf(), args[0], cb, &i, 0);
}
