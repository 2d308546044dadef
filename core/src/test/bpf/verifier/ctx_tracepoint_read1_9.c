#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int ctx_tracepoint_read1_9(void)
{
  asm volatile(
    "r0 = *(u8 *)(r1 + 9)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
