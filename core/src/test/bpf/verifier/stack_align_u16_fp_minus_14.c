#include "corpus.h"

SEC("socket") NAKED int stack_align_u16_fp_minus_14(void)
{
  asm volatile(
    "r1 = 1\n"
    "*(u16 *)(r10 - 14) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
