#include "corpus.h"

SEC("xdp") NAKED int ctx_xdp_read4_16(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 16)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
