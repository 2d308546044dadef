#include "corpus.h"

SEC("socket") NAKED int stack_spill_ctx_fill(void)
{
  asm volatile(
    "*(u64 *)(r10 - 8) = r1\n"
    "r2 = *(u64 *)(r10 - 8)\n"
    "r0 = *(u32 *)(r2 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}
