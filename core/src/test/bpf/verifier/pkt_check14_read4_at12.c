#include "corpus.h"

SEC("xdp") NAKED int pkt_check14_read4_at12(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 0)\n"
    "r3 = *(u32 *)(r1 + 4)\n"
    "r4 = r2\n"
    "r4 += 14\n"
    "if r4 > r3 goto +1\n"
    "r0 = *(u32 *)(r2 + 12)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
