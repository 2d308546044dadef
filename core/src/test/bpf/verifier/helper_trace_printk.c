#include "corpus.h"

SEC("socket") NAKED int helper_trace_printk(void)
{
  asm volatile(
    "r1 = 0x0a6968\n"
    "*(u64 *)(r10 - 8) = r1\n"
    "r1 = r10\n"
    "r1 += -8\n"
    "r2 = 4\n"
    "call 6\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
