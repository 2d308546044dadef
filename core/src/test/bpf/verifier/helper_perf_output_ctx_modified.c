#include "corpus.h"

SEC("tracepoint/syscalls/sys_enter_openat") NAKED int helper_perf_output_ctx_modified(void)
{
  asm volatile(
    "r1 += 8\n"
    "r2 = %[events] ll\n"
    "r3 = 0\n"
    "r4 = r10\n"
    "r4 += -8\n"
    "r5 = 0\n"
    "call 25\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
