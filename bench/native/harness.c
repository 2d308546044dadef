/* Native baseline of the JIT benchmarks: the kernels of ../bpf/jitbench.h compiled with
 * gcc -O2, each timed on the same packet as the BPF programs. Prints "native NAME result R cpu NS wall NS ns/op"
 * (best of 5 rounds of about 0.3 s of CPU time).
 * Build and run: bench/run-jit-bench.sh (gcc -O2 -o bench/target/jit-native harness.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../bpf/jitbench.h"

static double clock_ns(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

/* CPU time of this thread: unlike wall time it excludes the time other processes of a shared
 * machine take, as the kernel's BPF_PROG_TEST_RUN duration does. */
static double now(void) { return clock_ns(CLOCK_THREAD_CPUTIME_ID); }
static double wall(void) { return clock_ns(CLOCK_MONOTONIC); }

static __attribute__((noinline)) u32 bench_empty(const u8 *p, const u8 *end) {
  (void)p;
  (void)end;
  return 2;
}

typedef u32 (*kernel_fn)(const u8 *, const u8 *);

#define WRAP(name)                                                        \
  static __attribute__((noinline)) u32 run_##name(const u8 *p, const u8 *e) { \
    return bench_##name(p, e);                                            \
  }
WRAP(hash)
WRAP(primes)
WRAP(sort)
WRAP(calls)
WRAP(parse)

static void measure(const char *name, kernel_fn fn, const u8 *pkt, size_t len) {
  u32 result = fn(pkt, pkt + len);
  long reps = 1;
  double t;
  /* calibrate to about 0.3 s, then take the best of 5 rounds */
  for (;;) {
    double t0 = now();
    for (long i = 0; i < reps; i++) {
      const u8 *p = pkt;
      __asm__ volatile("" : "+r"(p) : : "memory");
      u32 r = fn(p, p + len);
      __asm__ volatile("" : : "r"(r) : "memory");
    }
    t = now() - t0;
    if (t > 3e8)
      break;
    reps *= 2;
  }
  double best = t / reps;
  double best_wall = 1e300;
  for (int round = 0; round < 5; round++) {
    double t0 = now();
    double w0 = wall();
    for (long i = 0; i < reps; i++) {
      const u8 *p = pkt;
      __asm__ volatile("" : "+r"(p) : : "memory");
      u32 r = fn(p, p + len);
      __asm__ volatile("" : : "r"(r) : "memory");
    }
    double per = (now() - t0) / reps;
    double per_wall = (wall() - w0) / reps;
    if (per < best)
      best = per;
    if (per_wall < best_wall)
      best_wall = per_wall;
  }
  printf("native %s result %u cpu %.3f wall %.3f ns/op\n", name, result, best, best_wall);
  fflush(stdout);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s packet.bin\n", argv[0]);
    return 2;
  }
  static u8 pkt[4096] __attribute__((aligned(64)));
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  size_t len = fread(pkt, 1, sizeof pkt, f);
  fclose(f);
  measure("empty", bench_empty, pkt, len);
  measure("hash", run_hash, pkt, len);
  measure("primes", run_primes, pkt, len);
  measure("sort", run_sort, pkt, len);
  measure("calls", run_calls, pkt, len);
  measure("parse", run_parse, pkt, len);
  return 0;
}
