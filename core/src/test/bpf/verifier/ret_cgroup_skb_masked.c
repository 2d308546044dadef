#include "corpus.h"

SEC("cgroup_skb/ingress") NAKED int ret_cgroup_skb_masked(void)
{
  asm volatile(
    "call 7\n"
    "r0 &= 1\n"
    "exit\n"
    :: MAPS : "memory");
}
