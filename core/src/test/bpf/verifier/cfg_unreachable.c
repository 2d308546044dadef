#include "corpus.h"

SEC("socket") NAKED int cfg_unreachable(void)
{
  asm volatile(
    "r0 = 0\n"
    "exit\n"
    "r0 = 1\n"
    "exit\n"
    :: MAPS : "memory");
}
