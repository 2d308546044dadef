#include "corpus.h"

SEC("socket") NAKED int ptr_and(void)
{
  asm volatile(
    "r1 &= 0xff\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
