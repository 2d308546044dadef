#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int ctx_tracepoint_read8_0(void)
{
  asm volatile(
    "r0 = *(u64 *)(r1 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
