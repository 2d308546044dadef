#include "corpus.h"

SEC("socket") NAKED int map_key_is_scalar(void)
{
  asm volatile(
    "r2 = 0\n"
    "r1 = %[hmap] ll\n"
    "call 1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
