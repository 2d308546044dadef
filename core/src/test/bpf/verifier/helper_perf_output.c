#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int helper_perf_output(void)
{
  asm volatile(
    "r6 = r1\n"
    "r1 = 1\n"
    "*(u64 *)(r10 - 8) = r1\n"
    "r1 = r6\n"
    "r2 = %[events] ll\n"
    "r3 = 0xffffffff ll\n"
    "r4 = r10\n"
    "r4 += -8\n"
    "r5 = 8\n"
    "call 25\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
