#include "corpus.h"

SEC("socket") NAKED int ptr_return_priv(void)
{
  asm volatile(
    "r0 = r10\n"
    "exit\n"
    :: MAPS : "memory");
}
