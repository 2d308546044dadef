#include "corpus.h"

SEC("socket") NAKED int ptr_ctx_add_then_sub_load(void)
{
  asm volatile(
    "r1 += 8\n"
    "r1 += -8\n"
    "r0 = *(u32 *)(r1 + 0)\n"
    "exit\n"
    :: MAPS : "memory");
}
