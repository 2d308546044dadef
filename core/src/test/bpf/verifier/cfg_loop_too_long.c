#include "corpus.h"

SEC("socket") NAKED int cfg_loop_too_long(void)
{
  asm volatile(
    "r0 = 0\n"
    "r1 = 0\n"
    "r0 += 1\n"
    "r1 += 1\n"
    "if r1 < 400000 goto -3\n"
    "exit\n"
    :: MAPS : "memory");
}
