#include "corpus.h"

SEC("socket") NAKED int cfg_dead_branch_ok(void)
{
  asm volatile(
    "r0 = 0\n"
    "if r0 == 0 goto +1\n"
    "r0 = 1\n"
    "exit\n"
    :: MAPS : "memory");
}
