#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int ctx_tracepoint_read4_4(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 4)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
