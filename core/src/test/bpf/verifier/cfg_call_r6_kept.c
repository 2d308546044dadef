#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_call_r6_kept(void)
{
  asm volatile(
    "r6 = 7\n"
    "call f1\n"
    "r0 = r6\n"
    "exit\n"
    :: MAPS : "memory");
}
