#include "corpus.h"

SEC("socket") NAKED int stack_spill_unknown_index(void)
{
  asm volatile(
    "call 7\n"
    "*(u64 *)(r10 - 16) = r0\n"
    "r2 = 0\n"
    "*(u32 *)(r10 - 4) = r2\n"
    "r1 = %[arr] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "if r0 == 0 goto +4\n"
    "r1 = *(u64 *)(r10 - 16)\n"
    "r0 += r1\n"
    "r0 = *(u32 *)(r0 + 0)\n"
    "exit\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
