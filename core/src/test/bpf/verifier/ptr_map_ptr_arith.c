#include "corpus.h"

SEC("socket") NAKED int ptr_map_ptr_arith(void)
{
  asm volatile(
    "r1 = %[arr] ll\n"
    "r1 += 8\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
