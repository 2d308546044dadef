#include "corpus.h"

SEC("socket") NAKED int alu_shift_imm_64(void)
{
  asm volatile(
    "r0 = 1\n"
    "r0 <<= 64\n"
    "exit\n"
    :: MAPS : "memory");
}
