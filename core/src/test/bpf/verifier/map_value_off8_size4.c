#include "corpus.h"

SEC("socket") NAKED int map_value_off8_size4(void)
{
  asm volatile(
    "r2 = 0\n"
    "*(u32 *)(r10 - 4) = r2\n"
    "r1 = %[hmap] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "if r0 == 0 goto +2\n"
    "r0 = *(u32 *)(r0 + 8)\n"
    "exit\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
