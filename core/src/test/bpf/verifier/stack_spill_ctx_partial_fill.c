#include "corpus.h"

SEC("socket") NAKED int stack_spill_ctx_partial_fill(void)
{
  asm volatile(
    "*(u64 *)(r10 - 8) = r1\n"
    "r2 = *(u32 *)(r10 - 8)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
