#include "corpus.h"

SEC("xdp") NAKED int pkt_check1_read1_at0(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 0)\n"
    "r3 = *(u32 *)(r1 + 4)\n"
    "r4 = r2\n"
    "r4 += 1\n"
    "if r4 > r3 goto +1\n"
    "r0 = *(u8 *)(r2 + 0)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
