#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int ctx_tracepoint_read4_8(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 8)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
