#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int rb_output(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 8) = r1\n"
    "r1 = %[rb] ll\n"
    "r2 = r10\n"
    "r2 += -8\n"
    "r3 = 8\n"
    "r4 = 0\n"
    "call 130\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
