#include "corpus.h"

SEC("xdp") NAKED int ctx_xdp_read8_0(void)
{
  asm volatile(
    "r0 = *(u64 *)(r1 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
