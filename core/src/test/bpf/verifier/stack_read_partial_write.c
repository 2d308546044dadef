#include "corpus.h"

SEC("socket") NAKED int stack_read_partial_write(void)
{
  asm volatile(
    "r1 = 3\n"
    "*(u32 *)(r10 - 8) = r1\n"
    "r0 = *(u64 *)(r10 - 8)\n"
    "exit\n"
    :: MAPS : "memory");
}
