#include "corpus.h"

SEC("xdp") NAKED int pkt_check_end_lt(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 0)\n"
    "r3 = *(u32 *)(r1 + 4)\n"
    "r4 = r2\n"
    "r4 += 14\n"
    "if r3 < r4 goto +1\n"
    "r0 = *(u8 *)(r2 + 13)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
