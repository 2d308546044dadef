// SPDX-License-Identifier: MIT
/* The JIT benchmarks as XDP programs: the same object runs in the kernel (bpftool prog run)
 * and, section by section, on bpf4j's JIT. Rebuild with bench/bpf/build.sh. */
#include <linux/bpf.h>

#ifdef BENCH_MAPS
/* the map and helpers of the flow-table program, declared as libbpf's bpf_helpers.h would */
#define __uint(name, val) int(*name)[val]
#define __type(name, val) typeof(val) *name
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value,
                                   unsigned long long flags) = (void *)2;
struct flow_key; /* defined in jitbench.h */
struct flow_val;
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1024); /* FLOW_ENTRIES */
  __type(key, struct flow_key);
  __type(value, struct flow_val);
} flows __attribute__((section(".maps"), used));
#define BENCH_MAP_LOOKUP(k) ((struct flow_val *)bpf_map_lookup_elem(&flows, k))
#define BENCH_MAP_UPDATE(k, v) bpf_map_update_elem(&flows, k, v, BPF_ANY)
#endif

#include "jitbench.h"

#define SEC(name) __attribute__((section(name), used))

#define XDP_BENCH(name, fn)                                              \
  SEC("xdp") int jit_##name(struct xdp_md *ctx) {                 \
    const u8 *data = (const u8 *)(long)ctx->data;                        \
    const u8 *end = (const u8 *)(long)ctx->data_end;                     \
    return fn(data, end);                                                \
  }

/* one program per object: build.sh compiles this file with -DBENCH_<NAME> */
#ifdef BENCH_EMPTY
SEC("xdp") int jit_empty(struct xdp_md *ctx) { return XDP_PASS; }
#endif
#ifdef BENCH_HASH
XDP_BENCH(hash, bench_hash)
#endif
#ifdef BENCH_PRIMES
XDP_BENCH(primes, bench_primes)
#endif
#ifdef BENCH_SORT
XDP_BENCH(sort, bench_sort)
#endif
#ifdef BENCH_CALLS
XDP_BENCH(calls, bench_calls)
#endif
#ifdef BENCH_PARSE
XDP_BENCH(parse, bench_parse)
#endif
#ifdef BENCH_MAPS
XDP_BENCH(maps, bench_maps)
#endif
#ifdef BENCH_SORTMASK
XDP_BENCH(sortmask, bench_sortmask)
#endif

char _license[] SEC("license") = "GPL";
