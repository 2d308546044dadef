#include "corpus.h"

SEC("xdp") NAKED int helper_csum_diff_xdp(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 8) = r1\n"
    "r1 = 0\n"
    "r2 = 0\n"
    "r3 = r10\n"
    "r3 += -8\n"
    "r4 = 8\n"
    "r5 = 0\n"
    "call 28\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
