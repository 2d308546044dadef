#include "corpus.h"

SEC("tc") NAKED int ctx_tc_write_mark(void)
{
  asm volatile(
    "r2 = 1\n"
    "*(u32 *)(r1 + 8) = r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
