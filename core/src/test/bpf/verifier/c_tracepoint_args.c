#include "corpus.h"

struct openat_args { __u64 pad; int nr; long dfd; const char *filename; long flags; long mode; };
SEC("tracepoint/syscalls/sys_enter_openat") int c_tracepoint_args(struct openat_args *a)
{
  char buf[32];
  bpf_probe_read_user_str(buf, sizeof(buf), a->filename);
  return a->flags & 1;
}
