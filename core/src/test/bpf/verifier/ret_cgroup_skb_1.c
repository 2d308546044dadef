#include "corpus.h"

SEC("cgroup_skb/ingress") NAKED int ret_cgroup_skb_1(void)
{
  asm volatile(
    "r0 = 1\n"
    "exit\n"
    :: MAPS : "memory");
}
