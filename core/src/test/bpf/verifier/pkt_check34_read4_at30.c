#include "corpus.h"

SEC("xdp") NAKED int pkt_check34_read4_at30(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 0)\n"
    "r3 = *(u32 *)(r1 + 4)\n"
    "r4 = r2\n"
    "r4 += 34\n"
    "if r4 > r3 goto +1\n"
    "r0 = *(u32 *)(r2 + 30)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
