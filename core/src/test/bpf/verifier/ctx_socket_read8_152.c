#include "corpus.h"

SEC("socket") NAKED int ctx_socket_read8_152(void)
{
  asm volatile(
    "r0 = *(u64 *)(r1 + 152)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
