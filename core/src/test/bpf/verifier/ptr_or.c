#include "corpus.h"

SEC("socket") NAKED int ptr_or(void)
{
  asm volatile(
    "r1 |= 1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
