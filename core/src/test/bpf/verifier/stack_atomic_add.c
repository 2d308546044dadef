#include "corpus.h"

SEC("socket") NAKED int stack_atomic_add(void)
{
  asm volatile(
    "r1 = 1\n"
    "*(u64 *)(r10 - 8) = r1\n"
    "lock *(u64 *)(r10 - 8) += r1\n"
    "r0 = *(u64 *)(r10 - 8)\n"
    "exit\n"
    :: MAPS : "memory");
}
