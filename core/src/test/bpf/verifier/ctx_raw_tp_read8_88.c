#include "corpus.h"

SEC("raw_tracepoint/sys_enter") NAKED int ctx_raw_tp_read8_88(void)
{
  asm volatile(
    "r0 = *(u64 *)(r1 + 88)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
