#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r0 = *(u64 *)(r1 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_pass_stack_ptr(void)
{
  asm volatile(
    "r1 = r10\n"
    "r1 += -8\n"
    "r2 = 5\n"
    "*(u64 *)(r10 - 8) = r2\n"
    "call f1\n"
    "exit\n"
    :: MAPS : "memory");
}
