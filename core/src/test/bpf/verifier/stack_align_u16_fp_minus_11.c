#include "corpus.h"

SEC("socket") NAKED int stack_align_u16_fp_minus_11(void)
{
  asm volatile(
    "r1 = 1\n"
    "*(u16 *)(r10 - 11) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
