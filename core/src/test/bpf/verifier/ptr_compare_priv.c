#include "corpus.h"

SEC("socket") NAKED int ptr_compare_priv(void)
{
  asm volatile(
    "r0 = 0\n"
    "r2 = r10\n"
    "if r1 > r2 goto +1\n"
    "r0 = 1\n"
    "exit\n"
    :: MAPS : "memory");
}
