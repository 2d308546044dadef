#include "corpus.h"

SEC("socket") NAKED int cfg_loop_unknown_count(void)
{
  asm volatile(
    "call 7\n"
    "r1 = r0\n"
    "r0 = 0\n"
    "if r1 == 0 goto +2\n"
    "r1 += -1\n"
    "goto -3\n"
    "exit\n"
    :: MAPS : "memory");
}
