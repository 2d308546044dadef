#include "corpus.h"

SEC("tc") NAKED int lock_direct_access(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u32 *)(r10 - 4) = r1\n"
    "r1 = %[locks] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "if r0 == 0 goto +2\n"
    "r6 = r0\n"
    "r1 = *(u32 *)(r6 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
