#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int rb_reserve_discard_or_submit(void)
{
  asm volatile(
    "r1 = %[rb] ll\n"
    "r2 = 16\n"
    "r3 = 0\n"
    "call 131\n"
    "if r0 == 0 goto +11\n"
    "r6 = r0\n"
    "call 7\n"
    "if r0 > 5 goto +5\n"
    "r1 = r6\n"
    "r2 = 0\n"
    "call 132\n"
    "r0 = 0\n"
    "exit\n"
    "r1 = r6\n"
    "r2 = 0\n"
    "call 133\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
