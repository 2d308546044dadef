#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int helper_pid_tgid_tracepoint(void)
{
  asm volatile(
    "call 14\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
