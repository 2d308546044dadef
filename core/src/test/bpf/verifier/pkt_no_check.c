#include "corpus.h"

SEC("xdp") NAKED int pkt_no_check(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 0)\n"
    "r3 = *(u32 *)(r1 + 4)\n"
    "r0 = *(u8 *)(r2 + 0)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
