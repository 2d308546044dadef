#include "corpus.h"

SEC("socket") NAKED int stack_below_512(void)
{
  asm volatile(
    "r1 = 3\n"
    "*(u64 *)(r10 - 520) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
