#include "corpus.h"

SEC("socket") NAKED int stack_write_fp_minus_520(void)
{
  asm volatile(
    "r1 = 1\n"
    "*(u32 *)(r10 - 520) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
