/* bpf_get_stackid into a BPF_MAP_TYPE_STACK_TRACE from a raw tracepoint. The kernel's test
 * run walks the kernel stack of the bpf() call and returns an id; the JVM backend has no
 * stack to walk and returns -EFAULT, leaving the map empty (JvmStackTraceTest). */
#include "common.h"

struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 16);
  __type(key, __u32);
  __uint(value_size, 127 * 8);
} stacks SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __s64);
} out SEC(".maps");

SEC("raw_tp/sys_enter")
int stack_id(void *ctx) {
  __u32 k = 0;
  __s64 id = bpf_get_stackid(ctx, &stacks, 0);
  bpf_map_update_elem(&out, &k, &id, BPF_ANY);
  return 0;
}

LICENSE_GPL;
