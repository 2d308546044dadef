#include "corpus.h"

SEC("socket") NAKED int stack_write_fp_minus_504(void)
{
  asm volatile(
    "r1 = 1\n"
    "*(u32 *)(r10 - 504) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
