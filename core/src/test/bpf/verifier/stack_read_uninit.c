#include "corpus.h"

SEC("socket") NAKED int stack_read_uninit(void)
{
  asm volatile(
    "r0 = *(u64 *)(r10 - 8)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
