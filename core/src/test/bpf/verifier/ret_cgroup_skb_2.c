#include "corpus.h"

SEC("cgroup_skb/ingress") NAKED int ret_cgroup_skb_2(void)
{
  asm volatile(
    "r0 = 2\n"
    "exit\n"
    :: MAPS : "memory");
}
