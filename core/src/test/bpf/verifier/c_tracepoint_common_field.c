#include "corpus.h"

struct openat_args { unsigned short type; unsigned char flags; unsigned char preempt; int pid; };
SEC("tracepoint/syscalls/sys_enter_openat") int c_tracepoint_common_field(struct openat_args *a)
{
  return a->pid;
}
