#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read4_0(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
