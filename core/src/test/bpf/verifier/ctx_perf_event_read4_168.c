#include "corpus.h"

SEC("perf_event") NAKED int ctx_perf_event_read4_168(void)
{
  asm volatile(
    "r0 = *(u32 *)(r1 + 168)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
