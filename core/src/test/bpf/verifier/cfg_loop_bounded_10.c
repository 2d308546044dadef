#include "corpus.h"

SEC("socket") NAKED int cfg_loop_bounded_10(void)
{
  asm volatile(
    "r0 = 0\n"
    "r1 = 0\n"
    "r0 += r1\n"
    "r1 += 1\n"
    "if r1 < 10 goto -3\n"
    "exit\n"
    :: MAPS : "memory");
}
