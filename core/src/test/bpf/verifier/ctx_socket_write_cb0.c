#include "corpus.h"

SEC("socket") NAKED int ctx_socket_write_cb0(void)
{
  asm volatile(
    "r2 = 1\n"
    "*(u32 *)(r1 + 48) = r2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
