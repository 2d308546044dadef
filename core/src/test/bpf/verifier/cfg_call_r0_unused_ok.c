#include "corpus.h"

/* A subprogram may exit without setting r0 (clang drops the unused return value of a
 * static function); only a caller that reads the result is rejected (cfg_call_no_r0). */
static int f1(void);

__attribute__((naked, noinline, used)) static int f1(void)
{
  asm volatile(
    "r1 = 1\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int cfg_call_r0_unused_ok(void)
{
  asm volatile(
    "call f1\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
