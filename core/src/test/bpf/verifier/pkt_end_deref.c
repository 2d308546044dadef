#include "corpus.h"

SEC("xdp") NAKED int pkt_end_deref(void)
{
  asm volatile(
    "r3 = *(u32 *)(r1 + 4)\n"
    "r0 = *(u8 *)(r3 + 0)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
