#include "corpus.h"

SEC("socket") NAKED int ptr_scalar_minus_ptr(void)
{
  asm volatile(
    "r2 = 5\n"
    "r2 -= r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
