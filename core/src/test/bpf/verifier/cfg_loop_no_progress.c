#include "corpus.h"

SEC("socket") NAKED int cfg_loop_no_progress(void)
{
  asm volatile(
    "r0 = 0\n"
    "r1 = 5\n"
    "if r1 > 0 goto -1\n"
    "exit\n"
    :: MAPS : "memory");
}
