// SPDX-License-Identifier: MIT
/* The JIT benchmarks as XDP programs: the same object runs in the kernel (bpftool prog run)
 * and, section by section, on bpf4j's JIT. Rebuild with bench/bpf/build.sh. */
#include <linux/bpf.h>
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

char _license[] SEC("license") = "GPL";
