#include "corpus.h"

SEC("tc") NAKED int pkt_tc_read(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 76)\n"
    "r3 = *(u32 *)(r1 + 80)\n"
    "r4 = r2\n"
    "r4 += 14\n"
    "if r4 > r3 goto +1\n"
    "r0 = *(u8 *)(r2 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
