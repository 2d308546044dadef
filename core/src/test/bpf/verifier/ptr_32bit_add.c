#include "corpus.h"

SEC("socket") NAKED int ptr_32bit_add(void)
{
  asm volatile(
    "w1 += 1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
