#include "corpus.h"

SEC("tc") NAKED int ctx_tc_read4_72(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 72)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
