/* Shared by the programs that read pointer members of bpf_get_current_task_btf()'s task and
 * that both verifiers must refuse (TaskWalkAgreementTest in the kernel module, JvmTaskWalkTest
 * in core). Read through CO-RE: the offsets are the running kernel's. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct mm_struct;

struct task_struct {
  int pid;
  int tgid;
  void *stack;
  struct task_struct *real_parent;
  struct mm_struct *mm;
} __attribute__((preserve_access_index));

struct mm_struct {
  unsigned long start_code;
  struct task_struct *owner;
} __attribute__((preserve_access_index));

struct vm_area_struct;

char LICENSE[] SEC("license") = "GPL";
