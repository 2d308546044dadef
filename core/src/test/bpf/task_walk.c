/* Pointer members read through bpf_get_current_task_btf()'s task: the verifier gives each
 * pointer member a BTF-typed pointer of its struct, which the program dereferences without a
 * NULL check, as the kernel allows (its loads through such pointers read 0 on a fault). The
 * kernel's test run of a raw tracepoint runs in the calling thread, so the kernel and the JVM
 * backend look at the same process: TaskWalkAgreementTest compares them. task_core_read
 * reads the same through bpf_probe_read_kernel. */
#include "common.h"
#include <bpf/bpf_core_read.h>

struct rt_mutex_waiter;

struct mm_struct {
  unsigned long start_code;
  unsigned long end_code;
  unsigned long start_data;
  unsigned long end_data;
  unsigned long start_brk;
  unsigned long start_stack;
  unsigned long arg_start;
  unsigned long env_end;
} __attribute__((preserve_access_index));

struct task_struct {
  int pid;
  int tgid;
  char comm[16];
  struct task_struct *real_parent;
  struct task_struct *group_leader;
  struct rt_mutex_waiter *pi_blocked_on;
  struct mm_struct *mm;
} __attribute__((preserve_access_index));

struct vm_area_struct {
  unsigned long vm_start;
  unsigned long vm_end;
  struct mm_struct *vm_mm;
} __attribute__((preserve_access_index));

/* NULL unless the task waits on a priority-inheriting mutex */
struct rt_mutex_waiter {
  struct task_struct *task;
} __attribute__((preserve_access_index));

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __u64);
} out SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __u64);
} mm_out SEC(".maps");

static void put_mm(__u32 k, __u64 v) {
  bpf_map_update_elem(&mm_out, &k, &v, BPF_ANY);
}

static void put(__u32 k, __u64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

SEC("raw_tp/sys_enter")
int task_walk(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  struct task_struct *leader = t->group_leader;
  __u64 comm;
  __builtin_memcpy(&comm, leader->comm, 8);
  put(0, (__u32)t->real_parent->tgid);           /* the parent process */
  put(1, (__u32)leader->pid);                    /* the main thread: pid == tgid */
  put(2, leader->tgid == t->tgid);
  put(3, leader->group_leader->pid == t->tgid);  /* the leader leads itself */
  put(4, comm);                                  /* the main thread's name */
  put(5, (__u32)t->pi_blocked_on->task->tgid);   /* through NULL: reads 0 */
  put(6, t->pi_blocked_on == 0);
  put(7, (__u32)leader->real_parent->tgid == (__u32)t->real_parent->tgid);
  return (__u32)t->real_parent->tgid;
}

/* the same walk with bpf_get_current_task() (a number) and bpf_probe_read_kernel, the way
 * kprobes read kernel structs: BPF_CORE_READ */
SEC("raw_tp/sys_enter")
int task_core_read(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  __u32 ppid = BPF_CORE_READ(t, real_parent, tgid);
  __u32 pid = BPF_CORE_READ(t, group_leader, pid);
  __u32 none = BPF_CORE_READ(t, pi_blocked_on, task, tgid);
  put(0, ppid);
  put(1, pid);
  put(5, none);
  return ppid;
}

/* the process's memory layout through t->mm: the same for every thread and the leader */
SEC("raw_tp/sys_enter")
int task_mm(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  struct mm_struct *mm = t->mm;
  put_mm(0, mm->start_code);
  put_mm(1, mm->end_code);
  put_mm(2, mm->start_data);
  put_mm(3, mm->end_data);
  put_mm(4, mm->start_brk);
  put_mm(5, mm->start_stack);
  put_mm(6, mm->env_end - mm->arg_start);
  put_mm(7, t->group_leader->mm == mm);
  return mm->end_code > mm->start_code;
}

static long vma_mm(struct task_struct *task, struct vm_area_struct *vma, __u64 *same) {
  struct mm_struct *mm = vma->vm_mm;
  *same = mm->start_code == task->mm->start_code && vma->vm_start <= mm->start_code
      && mm->start_code < vma->vm_end;
  return 0;
}

/* the VMA of the code's start: its vm_mm is the task's mm */
SEC("raw_tp/sys_enter")
int task_vma_mm(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  __u64 same = 0;
  long r = bpf_find_vma(t, t->mm->start_code, vma_mm, &same, 0);
  return r == 0 && same;
}

LICENSE_GPL;
