#include "corpus.h"

SEC("cgroup_skb/ingress") NAKED int ret_cgroup_skb_ptr(void)
{
  asm volatile(
    "r0 = r1\n"
    "exit\n"
    :: MAPS : "memory");
}
