#include "corpus.h"

SEC("cgroup/sock_create") NAKED int ctx_sock_write_mark(void)
{
  asm volatile(
    "r2 = 1\n"
    "*(u32 *)(r1 + 16) = r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
