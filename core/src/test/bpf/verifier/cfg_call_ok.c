#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r0 = r1\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_call_ok(void)
{
  asm volatile(
    "r1 = 1\n"
    "call f1\n"
    "exit\n"
    :: MAPS : "memory");
}
