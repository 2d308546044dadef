#include "corpus.h"

SEC("cgroup/sock_create") NAKED int ctx_sock_write_family(void)
{
  asm volatile(
    "r2 = 1\n"
    "*(u32 *)(r1 + 4) = r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
