#include "corpus.h"

SEC("socket") NAKED int alu_bswap_ok(void)
{
  asm volatile(
    "r0 = 5\n"
    "r0 = be32 r0\n"
    "exit\n"
    :: MAPS : "memory");
}
