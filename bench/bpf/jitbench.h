/* The JIT benchmark kernels, shared by the BPF programs (jit_*.bpf.c, clang -target bpf)
 * and the native baseline (../native/harness.c, gcc -O2): the same C in both. Each works on
 * a packet [p, end) and checks bounds as the verifier wants. */
#ifndef JITBENCH_H
#define JITBENCH_H

#ifndef BENCH_INLINE
#define BENCH_INLINE static inline __attribute__((always_inline))
#endif
#ifndef BENCH_NOINLINE
#define BENCH_NOINLINE static __attribute__((noinline))
#endif

typedef unsigned char u8;
typedef unsigned int u32;

/* FNV-1a over the first 256 bytes, 64 times: 16,384 byte steps in 4,096 iterations (the
 * kernel's verifier refuses a loop body it must walk 16,384 times: "sequence of jumps too
 * complex"). */
#define HASH_ROUNDS 64
#define HASH_LEN 256
BENCH_INLINE u32 bench_hash(const u8 *p, const u8 *end) {
  u32 h = 2166136261u;
  if (p + HASH_LEN > end)
    return 0;
  for (int r = 0; r < HASH_ROUNDS; r++) {
    for (int i = 0; i < HASH_LEN; i += 4) {
      h = (h ^ p[i]) * 16777619u;
      h = (h ^ p[i + 1]) * 16777619u;
      h = (h ^ p[i + 2]) * 16777619u;
      h = (h ^ p[i + 3]) * 16777619u;
    }
    h ^= (u32)r;
  }
  return h;
}

/* Primes below the 16-bit limit in bytes 0..1 (at most PRIME_MAX), by trial division. */
#define PRIME_MAX 1500
BENCH_INLINE u32 bench_primes(const u8 *p, const u8 *end) {
  if (p + 2 > end)
    return 0;
  u32 limit = p[0] | ((u32)p[1] << 8);
  u32 count = 0;
  for (u32 n = 2; n < PRIME_MAX; n++) {
    if (n >= limit)
      break;
    u32 prime = 1;
    for (u32 d = 2; d * d <= n; d++) {
      if (n % d == 0) {
        prime = 0;
        break;
      }
    }
    count += prime;
  }
  return count;
}

/* Bubble sort of 32 words from the packet in a stack array, then a checksum. The
 * compare-and-swap is branch-free: with a branch, the kernel's verifier learns different
 * bounds on each path and walks an exponential number of them. */
#define SORT_N 32
BENCH_INLINE u32 bench_sort(const u8 *p, const u8 *end) {
  u32 a[SORT_N];
  if (p + SORT_N * 4 > end)
    return 0;
  for (int i = 0; i < SORT_N; i++)
    a[i] = p[4 * i] | ((u32)p[4 * i + 1] << 8) | ((u32)p[4 * i + 2] << 16) |
           ((u32)p[4 * i + 3] << 24);
  for (int i = 0; i < SORT_N; i++) {
    for (int j = 0; j < SORT_N - 1 - i; j++) {
      unsigned long long x = a[j], y = a[j + 1];
      u32 t = (u32)((x ^ y) & -((y - x) >> 63));
      a[j] = (u32)(x ^ t);
      a[j + 1] = (u32)(y ^ t);
    }
  }
  u32 s = 0;
  for (int i = 0; i < SORT_N; i++)
    s = s * 31 + a[i];
  return s;
}

/* 20,000 calls of a small function that is not inlined. */
#define CALLS 20000
BENCH_NOINLINE u32 bench_step(u32 x, u32 i) {
  return (x ^ i) * 2654435761u + (x >> 7);
}
BENCH_INLINE u32 bench_calls(const u8 *p, const u8 *end) {
  if (p + 4 > end)
    return 0;
  u32 x = p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
  for (u32 i = 0; i < CALLS; i++)
    x = bench_step(x, i);
  return x;
}

/* Ethernet / IPv4 / UDP with bounds checks: a verdict and a flow hash. */
BENCH_INLINE u32 bench_parse(const u8 *p, const u8 *end) {
  if (p + 14 > end)
    return 1;
  if (p[12] != 0x08 || p[13] != 0x00)
    return 2;
  const u8 *ip = p + 14;
  if (ip + 20 > end)
    return 1;
  u32 ihl = (ip[0] & 0xf) * 4;
  if ((ip[0] >> 4) != 4 || ihl < 20)
    return 1;
  if (ip[9] != 17)
    return 2;
  const u8 *udp = ip + ihl;
  if (udp + 8 > end)
    return 1;
  u32 sport = ((u32)udp[0] << 8) | udp[1];
  u32 dport = ((u32)udp[2] << 8) | udp[3];
  if (dport == 53)
    return 3;
  u32 saddr = ((u32)ip[12] << 24) | ((u32)ip[13] << 16) | ((u32)ip[14] << 8) | ip[15];
  u32 daddr = ((u32)ip[16] << 24) | ((u32)ip[17] << 16) | ((u32)ip[18] << 8) | ip[19];
  u32 h = (saddr ^ daddr ^ (sport << 16 | dport)) * 2654435761u;
  return 4 + (h >> 28);
}

#endif
