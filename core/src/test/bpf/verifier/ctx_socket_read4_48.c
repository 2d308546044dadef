#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read4_48(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 48)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
