#include "corpus.h"

SEC("xdp") NAKED int ctx_xdp_read2_0(void)
{
  asm volatile(
    "r0 = *(u16 *)(r1 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
