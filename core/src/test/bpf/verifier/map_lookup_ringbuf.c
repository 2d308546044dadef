#include "corpus.h"

SEC("socket") NAKED int map_lookup_ringbuf(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u32 *)(r10 - 4) = r1\n"
    "r1 = %[rb] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
