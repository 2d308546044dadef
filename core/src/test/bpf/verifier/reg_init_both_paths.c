#include "corpus.h"

SEC("socket") NAKED int reg_init_both_paths(void)
{
  asm volatile(
    "r2 = 0\n"
    "if r1 == 0 goto +1\n"
    "r2 = 1\n"
    "r0 = r2\n"
    "exit\n"
    :: MAPS : "memory");
}
