#include "corpus.h"

SEC("cgroup_skb/ingress") NAKED int ret_cgroup_skb_unknown(void)
{
  asm volatile(
    "call 7\n"
    "exit\n"
    :: MAPS : "memory");
}
