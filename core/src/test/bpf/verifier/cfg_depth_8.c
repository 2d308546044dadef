#include "corpus.h"

static int f1(void);
static int f2(void);
static int f3(void);
static int f4(void);
static int f5(void);
static int f6(void);
static int f7(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "call f2\n"
    "exit\n"
    :: MAPS : "memory");
}

__attribute__((naked, noinline, used)) static int f2(void)
{
  asm volatile(
    "call f3\n"
    "exit\n"
    :: MAPS : "memory");
}

__attribute__((naked, noinline, used)) static int f3(void)
{
  asm volatile(
    "call f4\n"
    "exit\n"
    :: MAPS : "memory");
}

__attribute__((naked, noinline, used)) static int f4(void)
{
  asm volatile(
    "call f5\n"
    "exit\n"
    :: MAPS : "memory");
}

__attribute__((naked, noinline, used)) static int f5(void)
{
  asm volatile(
    "call f6\n"
    "exit\n"
    :: MAPS : "memory");
}

__attribute__((naked, noinline, used)) static int f6(void)
{
  asm volatile(
    "call f7\n"
    "exit\n"
    :: MAPS : "memory");
}

__attribute__((naked, noinline, used)) static int f7(void)
{
  asm volatile(
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_depth_8(void)
{
  asm volatile(
    "call f1\n"
    "exit\n"
    :: MAPS : "memory");
}
