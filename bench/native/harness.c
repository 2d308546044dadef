/* Native baseline of the JIT benchmarks: the kernels of ../bpf/jitbench.h compiled with
 * gcc -O2, each timed on the same packet as the BPF programs. Prints "native NAME result R cpu NS wall NS ns/op"
 * (best of 5 rounds of about 0.3 s of CPU time). Usage: jit-native packet.bin [NAME...]
 * (all programs without names). Build and run: bench/run-jit-bench.sh (gcc -O2 -o
 * bench/target/jit-native harness.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The flow-table benchmark's map: a plain C hash map of the same shape as the kernel's
 * preallocated BPF hash map (FLOW_ENTRIES elements, as many buckets, chained; an update takes
 * a fresh element from the free list, fills it, links it in place of the old one, which goes
 * back to the free list), defined after jitbench.h. */
struct flow_key;
struct flow_val;
static struct flow_val *nmap_lookup(const struct flow_key *k);
static int nmap_update(const struct flow_key *k, const struct flow_val *v);
#define BENCH_MAP_LOOKUP(k) nmap_lookup(k)
#define BENCH_MAP_UPDATE(k, v) nmap_update(k, v)

#include "../bpf/jitbench.h"

struct nelem {
  struct nelem *next;
  u32 hash;
  struct flow_key key;
  struct flow_val val;
};
static struct nelem *nbuckets[FLOW_ENTRIES];
static struct nelem npool[FLOW_ENTRIES + 1]; /* + 1: an update takes one before it frees one */
static struct nelem *nfree;
static u32 ncount;

static void nmap_init(void) {
  for (int i = 0; i <= FLOW_ENTRIES; i++) {
    npool[i].next = nfree;
    nfree = &npool[i];
  }
}

static u32 nhash(const struct flow_key *k) {
  unsigned long long a, b;
  memcpy(&a, k, 8);
  memcpy(&b, (const char *)k + 8, 8);
  unsigned long long h = (a ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 29) ^ b) * 0x94D049BB133111EBull;
  return (u32)(h ^ (h >> 32));
}

static struct flow_val *nmap_lookup(const struct flow_key *k) {
  u32 h = nhash(k);
  for (struct nelem *e = nbuckets[h & (FLOW_ENTRIES - 1)]; e; e = e->next)
    if (e->hash == h && memcmp(&e->key, k, sizeof *k) == 0)
      return &e->val;
  return 0;
}

static int nmap_update(const struct flow_key *k, const struct flow_val *v) {
  u32 h = nhash(k);
  struct nelem **pp = &nbuckets[h & (FLOW_ENTRIES - 1)];
  struct nelem *fresh = nfree;
  if (!fresh)
    return -12; /* ENOMEM */
  nfree = fresh->next;
  fresh->hash = h;
  fresh->key = *k;
  fresh->val = *v;
  for (struct nelem *e = *pp; e; pp = &e->next, e = *pp) {
    if (e->hash == h && memcmp(&e->key, k, sizeof *k) == 0) {
      fresh->next = e->next;
      *pp = fresh;
      e->next = nfree;
      nfree = e;
      return 0;
    }
  }
  if (ncount >= FLOW_ENTRIES) {
    fresh->next = nfree;
    nfree = fresh;
    return -7; /* E2BIG */
  }
  ncount++;
  pp = &nbuckets[h & (FLOW_ENTRIES - 1)];
  fresh->next = *pp;
  *pp = fresh;
  return 0;
}

static double clock_ns(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

/* CPU time of this thread: unlike wall time it excludes the time other processes of a shared
 * machine take, as the kernel's BPF_PROG_TEST_RUN duration does. */
static __attribute__((unused)) double now(void) { return clock_ns(CLOCK_THREAD_CPUTIME_ID); }
static __attribute__((unused)) double wall(void) { return clock_ns(CLOCK_MONOTONIC); }

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
WRAP(sortmask)
WRAP(calls)
WRAP(parse)
WRAP(maps)

#ifdef JITBENCH_LIB
/* primes with the JIT's divisibility test (docs/jit.md, "Divisibility tests on the FP
 * divider"): n % d == 0 as n - (long) ((double) n / d) * d == 0, for telling the divider's
 * share from the code's in JitRatioCpuTime (name "primesfp"). */
static __attribute__((noinline)) u32 run_primesfp(const u8 *p, const u8 *end) {
  if (p + 2 > end)
    return 0;
  u32 limit = p[0] | ((u32)p[1] << 8);
  u32 count = 0;
  for (u32 n = 2; n < PRIME_MAX; n++) {
    if (n >= limit)
      break;
    u32 prime = 1;
    for (u32 d = 2; d * d <= n; d++) {
      long long q = (long long)((double)n / (double)d);
      if ((long long)n - q * d == 0) {
        prime = 0;
        break;
      }
    }
    count += prime;
  }
  return count;
}

/* Built as a shared library (gcc -O2 -shared -fPIC -DJITBENCH_LIB) for
 * io.bpf4j.bench.JitRatioCpuTime, which calls it through FFM in rounds interleaved with the
 * JIT's and the kernel's, so that all three see the same machine: reps runs of the kernel
 * NAME on [pkt, pkt + len), with the same loop as measure(); returns the last result, or
 * 0xffffffff for an unknown name. The flow table is filled on the first call of "maps". */
static kernel_fn lookup_fn(const char *name) {
  static const struct {
    const char *name;
    kernel_fn fn;
  } fns[] = {{"empty", bench_empty}, {"hash", run_hash},         {"primes", run_primes},
             {"sort", run_sort},     {"sortmask", run_sortmask}, {"calls", run_calls},
             {"parse", run_parse},   {"maps", run_maps},         {"primesfp", run_primesfp}};
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
    if (strcmp(fns[i].name, name) == 0)
      return fns[i].fn;
  return 0;
}

u32 jitbench_loop(const char *name, const u8 *pkt, long len, long reps) {
  static int maps_ready;
  kernel_fn fn = lookup_fn(name);
  if (!fn)
    return 0xffffffffu;
  if (fn == run_maps && !maps_ready) {
    nmap_init();
    maps_ready = 1;
  }
  u32 r = 0;
  for (long i = 0; i < reps; i++) {
    const u8 *p = pkt;
    __asm__ volatile("" : "+r"(p) : : "memory");
    r = fn(p, p + len);
    __asm__ volatile("" : : "r"(r) : "memory");
  }
  return r;
}
#else
/* the programs named on the command line, all when none is */
static char **wanted_names;
static int wanted_count;

static int wanted(const char *name) {
  if (wanted_count == 0)
    return 1;
  for (int i = 0; i < wanted_count; i++)
    if (strcmp(wanted_names[i], name) == 0)
      return 1;
  return 0;
}

static void measure(const char *name, kernel_fn fn, const u8 *pkt, size_t len) {
  if (!wanted(name))
    return;
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
  if (argc < 2) {
    fprintf(stderr, "usage: %s packet.bin [NAME...]\n", argv[0]);
    return 2;
  }
  wanted_names = argv + 2;
  wanted_count = argc - 2;
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
  measure("sortmask", run_sortmask, pkt, len);
  measure("calls", run_calls, pkt, len);
  measure("parse", run_parse, pkt, len);
  if (wanted("maps")) {
    nmap_init();
    run_maps(pkt, pkt + len); /* fills the table: the result is then the warm one, FLOWS */
    measure("maps", run_maps, pkt, len);
  }
  return 0;
}
#endif
