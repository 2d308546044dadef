#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r0 = 0\n"
    "if r1 == 0 goto +1\n"
    "r0 = *(u64 *)(r1 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_callee_null_check(void)
{
  asm volatile(
    "r2 = 0\n"
    "*(u32 *)(r10 - 4) = r2\n"
    "r1 = %[hmap] ll\n"
    "r2 = r10\n"
    "r2 += -4\n"
    "call 1\n"
    "r1 = r0\n"
    "call f1\n"
    "exit\n"
    :: MAPS : "memory");
}
