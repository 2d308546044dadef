#include "corpus.h"

SEC("xdp") NAKED int ret_xdp_any(void)
{
  asm volatile(
    "call 7\n"
    "exit\n"
    :: MAPS : "memory");
}
