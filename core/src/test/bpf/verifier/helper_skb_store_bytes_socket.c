#include "corpus.h"

SEC("socket") NAKED int helper_skb_store_bytes_socket(void)
{
  asm volatile(
    "r2 = 0\n"
    "*(u64 *)(r10 - 8) = r2\n"
    "r3 = r10\n"
    "r3 += -8\n"
    "r4 = 8\n"
    "r5 = 0\n"
    "call 9\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
