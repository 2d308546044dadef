#include "corpus.h"

SEC("cgroup_skb/ingress") NAKED int pkt_read_cgroup_skb(void)
{
  asm volatile(
    "r2 = *(u32 *)(r1 + 76)\n"
    "r3 = *(u32 *)(r1 + 80)\n"
    "r4 = r2\n"
    "r4 += 14\n"
    "if r4 > r3 goto +1\n"
    "r0 = *(u8 *)(r2 + 0)\n"
    "r0 = 1\n"
    "exit\n"
    :: MAPS : "memory");
}
