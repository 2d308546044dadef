#include "corpus.h"

SEC("socket") NAKED int map_update_flags_uninit(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u32 *)(r10 - 4) = r1\n"
    "*(u64 *)(r10 - 24) = r1\n"
    "*(u64 *)(r10 - 16) = r1\n"
    "r1 = %[hmap] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "r3 = r10\n"
    "r3 += -24\n"
    "call 2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
