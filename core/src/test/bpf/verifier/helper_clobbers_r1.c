#include "corpus.h"

SEC("socket") NAKED int helper_clobbers_r1(void)
{
  asm volatile(
    "call 5\n"
    "r0 = r1\n"
    "exit\n"
    :: MAPS : "memory");
}
