#include "corpus.h"

SEC("socket") NAKED int map_array_key_out_of_range(void)
{
  asm volatile(
    "r2 = 9\n"
    "*(u32 *)(r10 - 4) = r2\n"
    "r1 = %[arr] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "r0 = *(u64 *)(r0 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}
