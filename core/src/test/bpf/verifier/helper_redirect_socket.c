#include "corpus.h"

SEC("socket") NAKED int helper_redirect_socket(void)
{
  asm volatile(
    "r1 = 1\n"
    "r2 = 0\n"
    "call 23\n"
    "exit\n"
    :: MAPS : "memory");
}
