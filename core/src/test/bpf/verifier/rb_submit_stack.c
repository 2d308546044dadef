#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int rb_submit_stack(void)
{
  asm volatile(
    "r1 = r10\n"
    "r1 += -8\n"
    "r2 = 0\n"
    "call 132\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
