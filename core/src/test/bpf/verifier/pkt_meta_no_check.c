#include "corpus.h"

SEC("xdp") NAKED int pkt_meta_no_check(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 8)\n"
    "r0 = *(u32 *)(r2 + 0)\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
