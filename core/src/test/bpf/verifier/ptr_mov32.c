#include "corpus.h"

SEC("socket") NAKED int ptr_mov32(void)
{
  asm volatile(
    "w2 = w1\n"
    "r0 = r2\n"
    "exit\n"
    :: MAPS : "memory");
}
