#include "corpus.h"

SEC("socket") NAKED int map_array_unknown_key_no_check(void)
{
  asm volatile(
    "call 7\n"
    "*(u32 *)(r10 - 4) = r0\n"
    "r1 = %[arr] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "r0 = *(u64 *)(r0 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}
