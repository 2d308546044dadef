#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int helper_comm_into_map(void)
{
  asm volatile(
    "r2 = 0\n"
    "*(u32 *)(r10 - 4) = r2\n"
    "r1 = %[hmap] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "if r0 == 0 goto +3\n"
    "r1 = r0\n"
    "r2 = 16\n"
    "call 16\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
