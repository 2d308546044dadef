#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read4_76(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 76)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
