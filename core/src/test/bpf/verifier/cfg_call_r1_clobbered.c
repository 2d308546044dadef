#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_call_r1_clobbered(void)
{
  asm volatile(
    "r1 = 7\n"
    "call f1\n"
    "r0 = r1\n"
    "exit\n"
    :: MAPS : "memory");
}
