#include "corpus.h"

static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 256) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_stack_two_frames_too_big(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 320) = r1\n"
    "call f1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
