#include "corpus.h"

SEC("perf_event") NAKED int ctx_perf_event_read8_168(void)
{
  asm volatile(
    "r0 = *(u64 *)(r1 + 168)\n"
    "r0 = 0\n"
    "exit\n"
    :: MAPS : "memory");
}
