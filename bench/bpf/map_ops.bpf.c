// SPDX-License-Identifier: MIT
/* Map operations from a program: each XDP program does MAP_OPS lookups or MAP_OPS updates
 * of one map per run (a bounded loop over the keys 0..MAP_OPS-1), so one BPF_PROG_TEST_RUN
 * with repeat, or one run on the JVM backend, times MAP_OPS map operations. The same object
 * runs in the kernel and on the JVM backend (io.bpf4j.bench.MapProgCpuTime, MapProgBench).
 * Rebuild with bench/bpf/build.sh.
 *
 * Maps of MAP_OPS entries, u32 keys (lpm_trie: /24 prefixes 10.n.n.0/24 looked up with /32
 * addresses inside them), u64 values (lru_hash: room for 2 * MAP_OPS, because the kernel's
 * LRU keeps per-CPU free lists and evicts before it is full). The update programs fill the
 * maps on their first run and replace every element on later runs, value i for key i, and
 * return MAP_OPS plus the sum of the helper's results (MAP_OPS when every update succeeds);
 * the lookup programs return the sum of the values found (523776 = 0 + ... + 1023 when every
 * key is found). The sums keep the loops cheap to verify: the accumulator is an unknown
 * scalar on every path after the first iteration, so the verifiers' states converge. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MAP_OPS 1024

typedef unsigned int u32;
typedef unsigned long long u64;

struct lpm_key {
  u32 prefixlen;
  u32 addr; /* network order */
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, MAP_OPS);
  __type(key, u32);
  __type(value, u64);
} hash SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, MAP_OPS);
  __type(key, u32);
  __type(value, u64);
} array SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 2 * MAP_OPS);
  __type(key, u32);
  __type(value, u64);
} lru_hash SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_LPM_TRIE);
  __uint(max_entries, MAP_OPS);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __type(key, struct lpm_key);
  __type(value, u64);
} lpm_trie SEC(".maps");

/* 10.(n >> 8).(n & 255).host in network order */
static __attribute__((always_inline)) u32 addr_of(u32 n, u32 host) {
  return __builtin_bswap32(0x0a000000u | (n << 8) | host);
}

#define LOOKUP_U32(map)                                          \
  SEC("xdp") int lookup_##map(struct xdp_md *ctx) {              \
    u32 sum = 0;                                                 \
    for (u32 i = 0; i < MAP_OPS; i++) {                          \
      u32 k = i;                                                 \
      u64 *v = bpf_map_lookup_elem(&map, &k);                    \
      if (v)                                                     \
        sum += (u32)*v;                                          \
    }                                                            \
    return sum;                                                  \
  }

#define UPDATE_U32(map)                                          \
  SEC("xdp") int update_##map(struct xdp_md *ctx) {              \
    u32 sum = MAP_OPS;                                           \
    for (u32 i = 0; i < MAP_OPS; i++) {                          \
      u32 k = i;                                                 \
      u64 v = i;                                                 \
      sum += bpf_map_update_elem(&map, &k, &v, BPF_ANY);         \
    }                                                            \
    return sum;                                                  \
  }

LOOKUP_U32(hash)
UPDATE_U32(hash)
LOOKUP_U32(array)
UPDATE_U32(array)
LOOKUP_U32(lru_hash)
UPDATE_U32(lru_hash)

SEC("xdp") int lookup_lpm_trie(struct xdp_md *ctx) {
  u32 sum = 0;
  for (u32 i = 0; i < MAP_OPS; i++) {
    struct lpm_key k = {32, addr_of(i, 7)};
    u64 *v = bpf_map_lookup_elem(&lpm_trie, &k);
    if (v)
      sum += (u32)*v;
  }
  return sum;
}

SEC("xdp") int update_lpm_trie(struct xdp_md *ctx) {
  u32 sum = MAP_OPS;
  for (u32 i = 0; i < MAP_OPS; i++) {
    struct lpm_key k = {24, addr_of(i, 0)};
    u64 v = i;
    sum += bpf_map_update_elem(&lpm_trie, &k, &v, BPF_ANY);
  }
  return sum;
}

char _license[] SEC("license") = "GPL";
