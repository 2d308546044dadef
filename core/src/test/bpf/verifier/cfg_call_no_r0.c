#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_call_no_r0(void)
{
  asm volatile(
    "call f1\n"
    "exit\n"
    :: MAPS : "memory");
}
