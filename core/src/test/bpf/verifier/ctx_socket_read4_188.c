#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read4_188(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 188)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
