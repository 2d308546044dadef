#include "corpus.h"

SEC("cgroup/sock_create") NAKED int ctx_sock_read_family(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 4)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
