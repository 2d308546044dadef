#include "corpus.h"

SEC("socket") NAKED int stack_spill_ctx_partial_store(void)
{
  asm volatile(
    "*(u32 *)(r10 - 8) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
