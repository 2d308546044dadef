#include "corpus.h"

SEC("socket") NAKED int stack_atomic_ctx(void)
{
  asm volatile(
    "r2 = 1\n"
    "lock *(u32 *)(r1 + 0) += r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
