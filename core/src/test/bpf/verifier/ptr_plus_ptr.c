#include "corpus.h"

SEC("socket") NAKED int ptr_plus_ptr(void)
{
  asm volatile(
    "r2 = r10\n"
    "r1 += r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
