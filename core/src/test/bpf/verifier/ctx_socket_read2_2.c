#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read2_2(void)
{
  asm volatile(
    "r0 = *(u16 *)(r1 + 2)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
