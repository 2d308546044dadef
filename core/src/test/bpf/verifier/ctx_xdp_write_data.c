#include "corpus.h"

SEC("xdp") NAKED int ctx_xdp_write_data(void)
{
  asm volatile(
    "r2 = 1\n"
    "*(u32 *)(r1 + 0) = r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
