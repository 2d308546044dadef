#include "corpus.h"

SEC("xdp") NAKED int helper_probe_read_legacy_xdp(void)
{
  asm volatile(
    "r1 = r10\n"
    "r1 += -8\n"
    "r2 = 8\n"
    "r3 = 0\n"
    "call 4\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
