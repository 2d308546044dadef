#include "corpus.h"

SEC("xdp") NAKED int ptr_pkt_end_arith(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 4)\n"
    "r2 += 1\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
