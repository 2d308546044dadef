#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r0 = r2\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_call_args_uninit(void)
{
  asm volatile(
    "call f1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
