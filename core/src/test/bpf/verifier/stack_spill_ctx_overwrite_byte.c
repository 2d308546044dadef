#include "corpus.h"

SEC("socket") NAKED int stack_spill_ctx_overwrite_byte(void)
{
  asm volatile(
    "*(u64 *)(r10 - 8) = r1\n"
    "r2 = 0\n"
    "*(u8 *)(r10 - 8) = r2\n"
    "r2 = *(u64 *)(r10 - 8)\n"
    "r0 = *(u32 *)(r2 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}
