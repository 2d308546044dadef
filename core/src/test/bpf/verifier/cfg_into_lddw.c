#include "corpus.h"

SEC("socket") NAKED int cfg_into_lddw(void)
{
  asm volatile(
    "if r1 == 0 goto +1\n"
    "r2 = 0x123456789 ll\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
