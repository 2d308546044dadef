#include "corpus.h"

SEC("socket") NAKED int pkt_ld_abs_r6_not_ctx(void)
{
  asm volatile(
    "r6 = r10\n"
    "r0 = *(u8 *)skb[12]\n"
    "exit\n"
    :: MAPS : "memory");
}
