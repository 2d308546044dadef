#include "corpus.h"

SEC("socket") NAKED int map_delete_ok(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u32 *)(r10 - 4) = r1\n"
    "r1 = %[hmap] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 3\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
