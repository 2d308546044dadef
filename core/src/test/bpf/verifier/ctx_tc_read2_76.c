#include "corpus.h"

SEC("tc") NAKED int ctx_tc_read2_76(void)
{
  asm volatile(
    "r0 = *(u16 *)(r1 + 76)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
