#include "corpus.h"

SEC("socket") NAKED int ptr_scalar_plus_ptr(void)
{
  asm volatile(
    "r2 = -8\n"
    "r2 += r10\n"
    "r3 = 1\n"
    "*(u64 *)(r2 + 0) = r3\n"
    "r0 = *(u64 *)(r10 - 8)\n"
    "exit\n"
    :: MAPS : "memory");
}
