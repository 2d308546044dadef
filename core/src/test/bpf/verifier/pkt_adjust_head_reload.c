#include "corpus.h"

SEC("xdp") NAKED int pkt_adjust_head_reload(void)
{
  asm volatile(
    "r6 = r1\n"
    "r2 = 0\n"
    "call 44\n"
    "r2 = *(u32 *)(r6 + 0)\n"
    "r3 = *(u32 *)(r6 + 4)\n"
    "r4 = r2\n"
    "r4 += 14\n"
    "if r4 > r3 goto +1\n"
    "r0 = *(u8 *)(r2 + 0)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
