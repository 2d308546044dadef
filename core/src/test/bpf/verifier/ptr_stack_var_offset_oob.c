#include "corpus.h"

SEC("socket") NAKED int ptr_stack_var_offset_oob(void)
{
  asm volatile(
    "call 7\n"
    "r0 &= 31\n"
    "r1 = r10\n"
    "r1 += -16\n"
    "r1 += r0\n"
    "r2 = 0\n"
    "*(u8 *)(r1 + 0) = r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
