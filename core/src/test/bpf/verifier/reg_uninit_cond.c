#include "corpus.h"

SEC("socket") NAKED int reg_uninit_cond(void)
{
  asm volatile(
    "if r1 == 0 goto +1\n"
    "r2 = 1\n"
    "r0 = r2\n"
    "exit\n"
    :: MAPS : "memory");
}
