#include "corpus.h"

SEC("socket") NAKED int cfg_loop_down_from_100(void)
{
  asm volatile(
    "r1 = 100\n"
    "r0 = 0\n"
    "r0 += r1\n"
    "r1 += -1\n"
    "if r1 != 0 goto -3\n"
    "exit\n"
    :: MAPS : "memory");
}
