#include "timer_maps.h"

/* tracing programs cannot use bpf_timer */
SEC("tracepoint/syscalls/sys_enter_openat")
int timer_in_tracing(void *ctx) {
  __u32 k = 0;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return 0;
  bpf_timer_init(&v->t, &arr, 1);
  return 0;
}
