#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int rb_reserve_leak(void)
{
  asm volatile(
    "r1 = %[rb] ll\n"
    "r2 = 16\n"
    "r3 = 0\n"
    "call 131\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
