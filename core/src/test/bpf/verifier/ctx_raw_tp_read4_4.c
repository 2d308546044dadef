#include "corpus.h"

SEC("raw_tracepoint/sys_enter") NAKED int ctx_raw_tp_read4_4(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 4)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
