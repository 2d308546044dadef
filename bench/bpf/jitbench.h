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

/* A flow table, the hash-map-heavy program: FLOWS flows per run (the packet's IPv4/UDP
 * 5-tuple with the source port stepped 0..FLOWS-1, as if FLOWS packets of FLOWS flows
 * arrived), each looked up in a hash map of FLOW_ENTRIES entries and updated with its new
 * packet and byte counts: a lookup and an update (which replaces the element) per packet.
 * Returns the number of lookups that found their flow: FLOWS once the table is warm. The
 * includer defines BENCH_MAP_LOOKUP(key) (a struct flow_val * or 0) and
 * BENCH_MAP_UPDATE(key, val): the helpers in BPF, a plain C hash map natively. */
#define FLOWS 64
#define FLOW_ENTRIES 1024
struct flow_key {
  u32 saddr;
  u32 daddr;
  unsigned short sport;
  unsigned short dport;
  u32 proto;
};
struct flow_val {
  unsigned long long packets;
  unsigned long long bytes;
};
#ifdef BENCH_MAP_LOOKUP
BENCH_INLINE u32 bench_maps(const u8 *p, const u8 *end) {
  if (p + 14 + 20 + 8 > end)
    return 0;
  const u8 *ip = p + 14;
  const u8 *udp = ip + 20;
  struct flow_key k;
  k.saddr = ip[12] | ((u32)ip[13] << 8) | ((u32)ip[14] << 16) | ((u32)ip[15] << 24);
  k.daddr = ip[16] | ((u32)ip[17] << 8) | ((u32)ip[18] << 16) | ((u32)ip[19] << 24);
  k.dport = (unsigned short)(udp[2] | (udp[3] << 8));
  k.proto = ip[9];
  u32 sport = udp[0] | ((u32)udp[1] << 8);
  u32 len = (u32)(end - p);
  u32 hits = 0;
  for (u32 i = 0; i < FLOWS; i++) {
    k.sport = (unsigned short)(sport + i);
    struct flow_val n;
    struct flow_val *v = BENCH_MAP_LOOKUP(&k);
    if (v) {
      n.packets = v->packets + 1;
      n.bytes = v->bytes + len;
      /* 1, computed from the value: a constant added on one path only would make a
       * verifier without precision tracking walk every (iteration, hits) pair */
      hits += 1 - (u32)(v->packets >> 63);
    } else {
      n.packets = 1;
      n.bytes = len;
    }
    BENCH_MAP_UPDATE(&k, &n);
  }
  return hits;
}
#endif

/* The same sort with the swap mask kept as a value: clang turns bench_sort's branch-free
 * compare-and-swap into a branch (if x > y); an empty asm that the compiler cannot see
 * through, on the difference, keeps it a mask (sub, arithmetic shift, and), so the JIT and
 * the kernel run the select the C says. docs/PERFORMANCE.md (JIT, "The stack sort's
 * branch") compares the two. */
BENCH_INLINE u32 bench_sortmask(const u8 *p, const u8 *end) {
  u32 a[SORT_N];
  if (p + SORT_N * 4 > end)
    return 0;
  for (int i = 0; i < SORT_N; i++)
    a[i] = p[4 * i] | ((u32)p[4 * i + 1] << 8) | ((u32)p[4 * i + 2] << 16) |
           ((u32)p[4 * i + 3] << 24);
  for (int i = 0; i < SORT_N; i++) {
    for (int j = 0; j < SORT_N - 1 - i; j++) {
      unsigned long long x = a[j], y = a[j + 1];
      unsigned long long d = y - x;
      __asm__("" : "+r"(d));
      u32 t = (u32)((x ^ y) & -(d >> 63));
      a[j] = (u32)(x ^ t);
      a[j + 1] = (u32)(y ^ t);
    }
  }
  u32 s = 0;
  for (int i = 0; i < SORT_N; i++)
    s = s * 31 + a[i];
  return s;
}

#endif
