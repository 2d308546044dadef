#include "corpus.h"

SEC("xdp") NAKED int pkt_adjust_head_stale(void)
{
  asm volatile(
    "r6 = r1\n"
    "r2 = *(u32 *)(r1 + 0)\n"
    "r3 = *(u32 *)(r1 + 4)\n"
    "r4 = r2\n"
    "r4 += 14\n"
    "if r4 > r3 goto +6\n"
    "r7 = r2\n"
    "r2 = 0\n"
    "call 44\n"
    "r0 = *(u8 *)(r7 + 0)\n"
    "r0 = 2\n"
    "exit\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
