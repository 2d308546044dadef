#include "walk.h"

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u64);
} vals SEC(".maps");

/* one load through the parent on one path and a map value on the other: the kernel turns
 * loads through BTF pointers into probe loads, so an instruction cannot be both */
SEC("raw_tp/sys_enter")
int walk_mixed_pointers(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  __u32 k = 0;
  int *p = bpf_map_lookup_elem(&vals, &k);
  if (!p)
    return 0;
  if (bpf_get_prandom_u32() & 1)
    p = &t->real_parent->tgid;
  return *p;
}
