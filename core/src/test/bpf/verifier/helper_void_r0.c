#include "corpus.h"

SEC("socket") NAKED int helper_void_r0(void)
{
  asm volatile(
    "r2 = %[jmp] ll\n"
    "r3 = 0\n"
    "call 12\n"
    "exit\n"
    :: MAPS : "memory");
}
