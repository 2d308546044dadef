#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int rb_reserve_write_submit(void)
{
  asm volatile(
    "r1 = %[rb] ll\n"
    "r2 = 16\n"
    "r3 = 0\n"
    "call 131\n"
    "if r0 == 0 goto +5\n"
    "r1 = 5\n"
    "*(u64 *)(r0 + 8) = r1\n"
    "r1 = r0\n"
    "r2 = 0\n"
    "call 132\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
