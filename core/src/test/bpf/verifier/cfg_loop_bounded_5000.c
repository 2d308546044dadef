#include "corpus.h"

SEC("socket") NAKED int cfg_loop_bounded_5000(void)
{
  asm volatile(
    "r0 = 0\n"
    "r1 = 0\n"
    "r0 += 1\n"
    "r1 += 1\n"
    "if r1 < 5000 goto -3\n"
    "exit\n"
    :: MAPS : "memory");
}
