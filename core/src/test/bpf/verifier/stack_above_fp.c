#include "corpus.h"

SEC("socket") NAKED int stack_above_fp(void)
{
  asm volatile(
    "r1 = 3\n"
    "*(u64 *)(r10 + 0) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
