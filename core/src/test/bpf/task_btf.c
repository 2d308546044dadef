/* The current task as a BTF-typed pointer: task->pid, task->tgid and task->comm read
 * directly (CO-RE), against bpf_get_current_pid_tgid and bpf_get_current_comm. The kernel's
 * test run of a raw tracepoint runs in the calling thread, so the kernel and the JVM backend
 * look at the same thread: TaskBtfAgreementTest compares them. */
#include "common.h"

struct task_struct {
  int pid;
  int tgid;
  char comm[16];
} __attribute__((preserve_access_index));

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u64);
} out SEC(".maps");

static void put(__u32 k, __u64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

SEC("raw_tp/sys_enter")
int task_fields(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  __u64 id = bpf_get_current_pid_tgid();
  char comm[16];
  bpf_get_current_comm(comm, sizeof(comm));
  int same = 1;
  for (int i = 0; i < 16; i++)
    if (t->comm[i] != comm[i])
      same = 0;
  put(0, t->pid == (__u32)id);
  put(1, t->tgid == (id >> 32));
  put(2, same);
  put(3, (__u64)(__u32)t->tgid);
  return 0;
}

LICENSE_GPL;
