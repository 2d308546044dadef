/* CO-RE against the kernel's task_struct: field offsets, existence, sizes, flavors, enums. */
#include "common.h"
#include "include/mini_vmlinux.h"
#include <bpf/bpf_core_read.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 16); } out SEC(".maps");
static __always_inline void put(__u32 k, __u64 v) { bpf_map_update_elem(&out, &k, &v, BPF_ANY); }
SEC("raw_tp/sys_enter") int core_reads(void *ctx) {
  struct task_struct *t = (void *)bpf_get_current_task();
  put(0, BPF_CORE_READ(t, pid));
  put(1, BPF_CORE_READ(t, real_parent, tgid));
  put(2, bpf_core_field_exists(t->mm));
  put(3, bpf_core_field_size(t->comm));
  put(4, bpf_core_field_offset(struct task_struct, tgid));
  put(5, bpf_core_type_exists(struct task_struct));
  put(6, bpf_core_type_size(struct mm_struct));
  put(7, bpf_core_field_exists(((struct task_struct___old *)t)->no_such_field));
  put(8, bpf_core_enum_value_exists(enum pid_type, PIDTYPE_SID));
  put(9, bpf_core_enum_value(enum pid_type, PIDTYPE_MAX));
  put(10, bpf_core_type_id_local(struct task_struct));
  put(11, bpf_core_type_id_kernel(struct task_struct) != 0);
  put(12, __builtin_preserve_field_info(t->pid, BPF_FIELD_SIGNED));
  put(13, bpf_core_type_matches(struct list_head));
  return 0;
}
LICENSE_GPL;
