#include "corpus.h"

SEC("socket") NAKED int reg_uninit_r0_exit(void)
{
  asm volatile(
    "exit\n"
    :: MAPS : "memory");
}
