#include "corpus.h"

/* The callback writes buffer[idx++] in its caller's stack: idx grows with every call, so the
 * callback may not assume the value it had when bpf_loop was called. Bounded by a check: safe. */
static int cb(void);

__attribute__((naked, noinline, used)) static int cb(void)
{
  asm volatile(
    "r3 = *(u64 *)(r2 + 0)\n"
    "if r3 > 3 goto 1f\n"
    "r4 = r3\n"
    "r4 <<= 3\n"
    "r5 = r2\n"
    "r5 += r4\n"
    "r1 = 1\n"
    "*(u64 *)(r5 + 8) = r1\n"
    "r3 += 1\n"
    "*(u64 *)(r2 + 0) = r3\n"
    "1:\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}

SEC("socket") NAKED int loop_callback_ctx_bounded(void)
{
  asm volatile(
    "r1 = 0\n"
    "*(u64 *)(r10 - 40) = r1\n"
    "*(u64 *)(r10 - 32) = r1\n"
    "*(u64 *)(r10 - 24) = r1\n"
    "*(u64 *)(r10 - 16) = r1\n"
    "*(u64 *)(r10 - 8) = r1\n"
    "r1 = 10\n"
    "r2 = cb ll\n"
    "r3 = r10\n"
    "r3 += -40\n"
    "r4 = 0\n"
    "call 181\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
