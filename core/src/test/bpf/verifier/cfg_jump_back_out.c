#include "corpus.h"

SEC("socket") NAKED int cfg_jump_back_out(void)
{
  asm volatile(
    "goto -3\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
