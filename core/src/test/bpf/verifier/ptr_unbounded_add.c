#include "corpus.h"

SEC("socket") NAKED int ptr_unbounded_add(void)
{
  asm volatile(
    "call 7\n"
    "r1 = r10\n"
    "r1 += r0\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
