#include "corpus.h"

SEC("socket") NAKED int map_key_past_stack(void)
{
  asm volatile(
    "r1 = %[hmap] ll\n"
    "r2 = r10\n"
    "r2 += -2\n"
    "call 1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
