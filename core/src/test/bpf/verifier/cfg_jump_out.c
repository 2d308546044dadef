#include "corpus.h"

SEC("socket") NAKED int cfg_jump_out(void)
{
  asm volatile(
    "if r1 == 0 goto +3\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
