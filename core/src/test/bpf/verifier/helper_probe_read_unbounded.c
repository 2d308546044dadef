#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int helper_probe_read_unbounded(void)
{
  asm volatile(
    "call 7\n"
    "r2 = r0\n"
    "r1 = r10\n"
    "r1 += -32\n"
    "r3 = 0\n"
    "call 113\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
