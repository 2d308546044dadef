/* .ksyms externs: a typed kernel variable and a kernel function (kfunc). The kernel here
 * does not expose bpf_prog_active's address, so the kernel test leaves this object out. */
#include "common.h"
struct task_struct;
extern const int bpf_prog_active __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern void bpf_task_release(struct task_struct *p) __ksym __weak;
SEC("tp_btf/sched_switch") int uses_ksyms(void *ctx) {
  const int *active = bpf_this_cpu_ptr(&bpf_prog_active);
  struct task_struct *t = bpf_task_acquire((void *)bpf_get_current_task_btf());
  if (t) bpf_task_release(t);
  return *active;
}
LICENSE_GPL;
