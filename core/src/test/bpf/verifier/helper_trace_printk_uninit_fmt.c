#include "corpus.h"

SEC("socket") NAKED int helper_trace_printk_uninit_fmt(void)
{
  asm volatile(
    "r1 = r10\n"
    "r1 += -8\n"
    "r2 = 8\n"
    "call 6\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
