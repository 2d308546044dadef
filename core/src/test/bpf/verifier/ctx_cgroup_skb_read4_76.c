#include "corpus.h"

SEC("cgroup_skb/ingress") NAKED int ctx_cgroup_skb_read4_76(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 76)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
