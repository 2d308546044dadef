#include "corpus.h"

SEC("socket") NAKED int alu_neg_ok(void)
{
  asm volatile(
    "r0 = 5\n"
    "r0 = -r0\n"
    "exit\n"
    :: MAPS : "memory");
}
