#include "corpus.h"

SEC("socket") NAKED int alu_div_reg_zero(void)
{
  asm volatile(
    "r0 = 1\n"
    "r1 = 0\n"
    "r0 /= r1\n"
    "exit\n"
    :: MAPS : "memory");
}
