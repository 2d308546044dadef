#include "corpus.h"

SEC("socket") NAKED int ptr_fp_sub_imm(void)
{
  asm volatile(
    "r2 = r10\n"
    "r2 -= 8\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
