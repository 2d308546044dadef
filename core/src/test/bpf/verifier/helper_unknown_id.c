#include "corpus.h"

SEC("socket") NAKED int helper_unknown_id(void)
{
  asm volatile(
    "call 9999\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
