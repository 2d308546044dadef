#include "corpus.h"

SEC("socket") NAKED int ctx_write_ptr_priv(void)
{
  asm volatile(
    "*(u32 *)(r1 + 48) = r10\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
