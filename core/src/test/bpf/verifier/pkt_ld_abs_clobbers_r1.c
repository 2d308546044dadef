#include "corpus.h"

SEC("socket") NAKED int pkt_ld_abs_clobbers_r1(void)
{
  asm volatile(
    "r6 = r1\n"
    "r0 = *(u8 *)skb[12]\n"
    "r0 = r1\n"
    "exit\n"
    :: MAPS : "memory");
}
