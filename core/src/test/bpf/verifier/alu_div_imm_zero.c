#include "corpus.h"

SEC("socket") NAKED int alu_div_imm_zero(void)
{
  asm volatile(
    "r0 = 1\n"
    "r0 /= 0\n"
    "exit\n"
    :: MAPS : "memory");
}
