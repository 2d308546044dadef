#include "corpus.h"

static int cb(void);

__attribute__((naked, noinline, used)) static int cb(void)
{
  asm volatile(
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int foreach_ringbuf(void)
{
  asm volatile(
    "r1 = %[rb] ll\n"
    "r2 = cb ll\n"
    "r3 = 0\n"
    "r4 = 0\n"
    "call 164\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
