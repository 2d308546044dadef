#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int rb_submit_offset(void)
{
  asm volatile(
    "r1 = %[rb] ll\n"
    "r2 = 16\n"
    "r3 = 0\n"
    "call 131\n"
    "if r0 == 0 goto +6\n"
    "r1 = r0\n"
    "r1 += 8\n"
    "r2 = 0\n"
    "call 132\n"
    "r0 = 0\n"
    "exit\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
