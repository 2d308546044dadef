#include "corpus.h"

SEC("socket") int c_loop_1000(void *ctx)
{
  volatile int s = 0;
  #pragma nounroll
  for (int i = 0; i < 1000; i++) s += i;
  return s & 1;
}
