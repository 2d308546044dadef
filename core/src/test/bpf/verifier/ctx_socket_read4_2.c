#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read4_2(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 2)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
