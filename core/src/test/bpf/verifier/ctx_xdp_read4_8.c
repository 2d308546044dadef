#include "corpus.h"

SEC("xdp") NAKED int ctx_xdp_read4_8(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 8)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
