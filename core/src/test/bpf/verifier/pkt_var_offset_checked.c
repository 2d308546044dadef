#include "corpus.h"

SEC("xdp") NAKED int pkt_var_offset_checked(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 0)\n"
    "r3 = *(u32 *)(r1 + 4)\n"
    "r4 = r2\n"
    "r4 += 20\n"
    "if r4 > r3 goto +8\n"
    "r5 = *(u8 *)(r2 + 0)\n"
    "r5 &= 15\n"
    "r2 += r5\n"
    "r4 = r2\n"
    "r4 += 4\n"
    "if r4 > r3 goto +2\n"
    "r0 = *(u32 *)(r2 + 0)\n"
    "exit\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
