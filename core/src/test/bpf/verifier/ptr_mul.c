#include "corpus.h"

SEC("socket") NAKED int ptr_mul(void)
{
  asm volatile(
    "r1 *= 2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
