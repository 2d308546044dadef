#include "corpus.h"

SEC("socket") NAKED int ptr_neg(void)
{
  asm volatile(
    "r1 = -r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
