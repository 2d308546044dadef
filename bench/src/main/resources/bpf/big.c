/* A large object for the loader benchmark (about 1 MB): many programs, maps, subprograms,
 * globals and types. Rebuilt by scripts/build-fixtures. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define TYPES(n) \
  struct XCAT(rec, n) { __u64 a, b; __u32 c[4]; struct { __u16 x, y; } p; int bits:5, more:11; }; \
  struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, struct XCAT(rec, n)); __uint(max_entries, 64); } XCAT(map, n) SEC(".maps"); \
  __u64 XCAT(count, n); \
  const volatile __u32 XCAT(limit, n) = n; \
  static __noinline int XCAT(helper, n)(struct XCAT(rec, n) *r, int k) { if (!r) return 0; r->a += k; r->c[k & 3] ^= r->b; return r->p.x + r->bits; } \
  SEC("xdp") int XCAT(prog, n)(struct xdp_md *ctx) { \
    __u32 k = ctx->rx_queue_index; \
    struct XCAT(rec, n) *r = bpf_map_lookup_elem(&XCAT(map, n), &k); \
    int s = 0; \
    for (int i = 0; i < 8; i++) s += XCAT(helper, n)(r, i + k); \
    if (r) { struct XCAT(rec, n) v = *r; v.b++; bpf_map_update_elem(&XCAT(map, n), &k, &v, BPF_ANY); } \
    XCAT(count, n) += s; \
    return s > XCAT(limit, n) ? XDP_DROP : XDP_PASS; \
  }
#define T10(n) TYPES(n##0) TYPES(n##1) TYPES(n##2) TYPES(n##3) TYPES(n##4) TYPES(n##5) TYPES(n##6) TYPES(n##7) TYPES(n##8) TYPES(n##9)
#define T100(n) T10(n##0) T10(n##1) T10(n##2) T10(n##3) T10(n##4) T10(n##5) T10(n##6) T10(n##7) T10(n##8) T10(n##9)
T100(1) T100(2) T100(3)
char LICENSE[] SEC("license") = "GPL";
