#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int rb_reserve_var_size(void)
{
  asm volatile(
    "call 7\n"
    "r2 = r0\n"
    "r2 &= 15\n"
    "r1 = %[rb] ll\n"
    "r3 = 0\n"
    "call 131\n"
    "if r0 == 0 goto +3\n"
    "r1 = r0\n"
    "r2 = 0\n"
    "call 132\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
