#include "corpus.h"

SEC("socket") NAKED int ctx_socket_write_len(void)
{
  asm volatile(
    "r2 = 1\n"
    "*(u32 *)(r1 + 0) = r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
