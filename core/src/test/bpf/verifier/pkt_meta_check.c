#include "corpus.h"

SEC("xdp") NAKED int pkt_meta_check(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 8)\n"
    "r3 = *(u32 *)(r1 + 0)\n"
    "r4 = r2\n"
    "r4 += 4\n"
    "if r4 > r3 goto +1\n"
    "r0 = *(u32 *)(r2 + 0)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
