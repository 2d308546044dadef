/* The kernels of ../bpf/jitbench.h as a shared library, so that JitAbCpuTime can time the
 * native code in the same process and the same minutes as the JIT's, in interleaved rounds:
 *   gcc -O2 -shared -fPIC -o bench/target/libjitbench.so bench/native/kernels.c
 * Exports u32 native_NAME(const u8 *p, const u8 *end), the code harness.c times. */
#include "../bpf/jitbench.h"

#define EXPORT(name)                                                                   \
  __attribute__((noinline, visibility("default"))) u32 native_##name(const u8 *p,       \
                                                                     const u8 *e) {    \
    return bench_##name(p, e);                                                         \
  }
EXPORT(hash)
EXPORT(primes)
EXPORT(sort)
EXPORT(calls)
EXPORT(parse)
