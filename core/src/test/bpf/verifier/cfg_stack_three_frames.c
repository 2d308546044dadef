#include "corpus.h"

static int f1(void);
static int f2(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 200) = r1\n"
    "call f2\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

__attribute__((naked, noinline, used)) static int f2(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 200) = r1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_stack_three_frames(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 200) = r1\n"
    "call f1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
