#include "corpus.h"

struct event { __u32 pid; char comm[16]; };
SEC("tracepoint/syscalls/sys_enter_openat") int c_ringbuf_leak_on_error(void *ctx)
{
  struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
  if (!e) return 0;
  e->pid = bpf_get_current_pid_tgid() >> 32;
  if (e->pid == 1) return 0;
  bpf_ringbuf_submit(e, 0);
  return 0;
}
