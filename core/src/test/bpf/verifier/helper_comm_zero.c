#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int helper_comm_zero(void)
{
  asm volatile(
    "r1 = r10\n"
    "r1 += -16\n"
    "r2 = 0\n"
    "call 16\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
