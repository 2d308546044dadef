#include "corpus.h"

SEC("tc") NAKED int helper_l3_csum_stale_pkt(void)
{
  asm volatile(
    "r6 = r1\n"
    "r7 = *(u32 *)(r1 + 76)\n"
    "r3 = *(u32 *)(r1 + 80)\n"
    "r4 = r7\n"
    "r4 += 14\n"
    "if r4 > r3 goto +7\n"
    "r1 = r6\n"
    "r2 = 0\n"
    "r3 = 0\n"
    "r4 = 0\n"
    "r5 = 0\n"
    "call 10\n"
    "r0 = *(u8 *)(r7 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
