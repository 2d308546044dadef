#include "corpus.h"

SEC("socket") NAKED int helper_skb_load_bytes(void)
{
  asm volatile(
    "r2 = 0\n"
    "r3 = r10\n"
    "r3 += -16\n"
    "r4 = 16\n"
    "call 26\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
