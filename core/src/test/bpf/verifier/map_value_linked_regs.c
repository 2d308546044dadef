#include "corpus.h"

SEC("socket") NAKED int map_value_linked_regs(void)
{
  asm volatile(
    "call 7\n"
    "r6 = r0\n"
    "r7 = r6\n"
    "r2 = 0\n"
    "*(u32 *)(r10 - 4) = r2\n"
    "r1 = %[hmap] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "if r0 == 0 goto +4\n"
    "if r7 > 8 goto +3\n"
    "r0 += r6\n"
    "r0 = *(u64 *)(r0 + 0)\n"
    "exit\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
