#include "corpus.h"

SEC("socket") NAKED int ctx_var_offset(void)
{
  asm volatile(
    "r6 = r1\n"
    "call 7\n"
    "r0 &= 4\n"
    "r6 += r0\n"
    "r0 = *(u32 *)(r6 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}
