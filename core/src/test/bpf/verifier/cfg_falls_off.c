#include "corpus.h"

SEC("socket") NAKED int cfg_falls_off(void)
{
  asm volatile(
    "r0 = 0\n"
    "if r1 == 0 goto +1\n"
    "exit\n"
    "r0 = 1\n"
    :: MAPS : "memory");
}
