#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read1_0(void)
{
  asm volatile(
    "r0 = *(u8 *)(r1 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
