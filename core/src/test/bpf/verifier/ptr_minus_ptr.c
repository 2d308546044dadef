#include "corpus.h"

SEC("socket") NAKED int ptr_minus_ptr(void)
{
  asm volatile(
    "r2 = r10\n"
    "r3 = r10\n"
    "r2 -= r3\n"
    "r0 = r2\n"
    "exit\n"
    :: MAPS : "memory");
}
