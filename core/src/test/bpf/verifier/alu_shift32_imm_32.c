#include "corpus.h"

SEC("socket") NAKED int alu_shift32_imm_32(void)
{
  asm volatile(
    "w0 = 1\n"
    "w0 <<= 32\n"
    "exit\n"
    :: MAPS : "memory");
}
