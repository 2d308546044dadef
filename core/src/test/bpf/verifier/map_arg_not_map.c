#include "corpus.h"

SEC("socket") NAKED int map_arg_not_map(void)
{
  asm volatile(
    "r2 = r10\n"
    "r2 += -8\n"
    "r1 = 0\n"
    "*(u64 *)(r10 - 8) = r1\n"
    "call 1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
