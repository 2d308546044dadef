#include "corpus.h"

SEC("socket") NAKED int helper_tail_call_wrong_map(void)
{
  asm volatile(
    "r2 = %[hmap] ll\n"
    "r3 = 0\n"
    "call 12\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
