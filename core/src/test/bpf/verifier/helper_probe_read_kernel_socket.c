#include "corpus.h"

SEC("socket") NAKED int helper_probe_read_kernel_socket(void)
{
  asm volatile(
    "r1 = r10\n"
    "r1 += -8\n"
    "r2 = 8\n"
    "r3 = 0\n"
    "call 113\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
