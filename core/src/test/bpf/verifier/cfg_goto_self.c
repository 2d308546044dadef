#include "corpus.h"

SEC("socket") NAKED int cfg_goto_self(void)
{
  asm volatile(
    "r0 = 0\n"
    "goto -1\n"
    "exit\n"
    :: MAPS : "memory");
}
