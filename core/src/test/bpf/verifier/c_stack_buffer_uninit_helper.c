#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") int c_stack_buffer_uninit_helper(void *ctx)
{
  char buf[16];
  bpf_get_current_comm(buf, sizeof(buf));
  __u32 k = buf[0] & 3;
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  return v ? 1 : 0;
}
