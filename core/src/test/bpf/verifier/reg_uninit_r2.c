#include "corpus.h"

SEC("socket") NAKED int reg_uninit_r2(void)
{
  asm volatile(
    "r0 = r2\n"
    "exit\n"
    :: MAPS : "memory");
}
