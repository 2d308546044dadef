#include "corpus.h"

SEC("socket") NAKED int reg_fp_add(void)
{
  asm volatile(
    "r10 += 8\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
