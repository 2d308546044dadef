#include "corpus.h"

SEC("socket") NAKED int reg_fp_write(void)
{
  asm volatile(
    "r10 = 0\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
