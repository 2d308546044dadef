#include "corpus.h"

SEC("socket") NAKED int alu_shift_imm_63(void)
{
  asm volatile(
    "r0 = 1\n"
    "r0 <<= 63\n"
    "exit\n"
    :: MAPS : "memory");
}
