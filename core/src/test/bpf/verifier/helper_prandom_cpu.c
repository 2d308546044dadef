#include "corpus.h"

SEC("xdp") NAKED int helper_prandom_cpu(void)
{
  asm volatile(
    "call 7\n"
    "call 8\n"
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
