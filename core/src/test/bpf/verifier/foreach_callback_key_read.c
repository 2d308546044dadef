#include "corpus.h"

static int cb(void);

__attribute__((naked, noinline, used)) static int cb(void)
{
  asm volatile(
    "r0 = *(u32 *)(r2 + 0)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int foreach_callback_key_read(void)
{
  asm volatile(
    "r1 = %[arr] ll\n"
    "r2 = cb ll\n"
    "r3 = 0\n"
    "r4 = 0\n"
    "call 164\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
