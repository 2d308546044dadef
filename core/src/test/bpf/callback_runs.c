/* Callbacks that run: bpf_loop and bpf_for_each_map_elem over an array and a hash map, with
 * results in the map 'out' and in r0, so that a test compares the JVM backend's run with the
 * kernel's (same r0, same final maps). Every program fills its maps itself: one run from fresh
 * maps is deterministic. Hash iteration order differs between backends, so the hash program
 * records only what does not depend on it. */
#include "common.h"

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 16); } arr SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 32); } hash SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 32); } out SEC(".maps");

static __always_inline void put(__u32 k, __u64 v) { bpf_map_update_elem(&out, &k, &v, BPF_ANY); }

/* ---- bpf_loop ---- */
struct loop_ctx { __u64 sum; __u32 stop_at; __u32 calls; __u64 trace[4]; };

static int add_index(__u32 i, void *p) {
  struct loop_ctx *c = p;
  c->sum += i;
  c->calls++;
  c->trace[i & 3] = i * 10 + 1; /* writes through the pointer into the caller's stack */
  return i == c->stop_at ? 1 : 0;
}

SEC("xdp") int loop_sum(struct xdp_md *ctx) {
  struct loop_ctx c = {.stop_at = ~0u};
  long full = bpf_loop(100, add_index, &c, 0);
  put(0, c.sum);
  put(1, full);
  put(2, c.calls);
  put(3, c.trace[0] + c.trace[1] + c.trace[2] + c.trace[3]);
  struct loop_ctx e = {.stop_at = 7};
  long early = bpf_loop(100, add_index, &e, 0);
  put(4, early);
  put(5, e.sum);
  struct loop_ctx z = {.stop_at = ~0u};
  long none = bpf_loop(0, add_index, &z, 0);
  put(6, none * 1000 + z.calls);
  long big = bpf_loop((1 << 23) + 1, add_index, &z, 0);
  put(7, big);
  long flags = bpf_loop(3, add_index, &z, 1);
  put(8, flags);
  put(9, z.calls);
  return early; /* 8 */
}

/* a callback that calls bpf_loop itself and a bpf-to-bpf function */
static __noinline __u64 square(__u64 x) { return x * x; }

static int inner(__u32 j, void *p) {
  struct loop_ctx *c = p;
  c->sum += square(j + 1);
  c->calls++;
  return 0;
}

static int outer(__u32 i, void *p) {
  struct loop_ctx *c = p;
  long n = bpf_loop(i + 1, inner, c, 0); /* 1, 2, 3, 4 calls of inner */
  c->trace[i & 3] = n;
  return 0;
}

SEC("xdp") int loop_nested(struct xdp_md *ctx) {
  struct loop_ctx c = {};
  long n = bpf_loop(4, outer, &c, 0);
  put(10, n);
  put(11, c.calls);
  put(12, c.sum);
  put(13, c.trace[0] * 1000 + c.trace[1] * 100 + c.trace[2] * 10 + c.trace[3]);
  return c.calls; /* 10 */
}

/* ---- bpf_for_each_map_elem ---- */
struct each_ctx { __u64 count; __u64 sum; __u32 stop_key; __u32 found; };

static long visit(void *map, __u32 *key, __u64 *val, void *p) {
  struct each_ctx *c = p;
  c->count++;
  c->sum += *val;
  *val += (__u64)*key * 100; /* updates the element through the value pointer */
  if (*key == c->stop_key) {
    c->found = 1;
    return 1;
  }
  return 0;
}

/* stops at stop_key without changing anything: its visits before the stop depend on the order */
static long find(void *map, __u32 *key, __u64 *val, void *p) {
  struct each_ctx *c = p;
  c->count++;
  if (*key == c->stop_key) {
    c->found = 1;
    return 1;
  }
  return 0;
}

SEC("xdp") int each_array(struct xdp_md *ctx) {
  for (__u32 i = 0; i < 16; i++) {
    __u64 v = i * 3 + 1;
    bpf_map_update_elem(&arr, &i, &v, BPF_ANY);
  }
  struct each_ctx all = {.stop_key = ~0u};
  long n = bpf_for_each_map_elem(&arr, visit, &all, 0);
  put(14, n);
  put(15, all.count * 100000 + all.sum);
  struct each_ctx early = {.stop_key = 5};
  long m = bpf_for_each_map_elem(&arr, visit, &early, 0);
  put(16, m); /* keys 0..5: 6 */
  put(17, early.sum);
  long bad = bpf_for_each_map_elem(&arr, visit, &early, 2);
  put(18, bad);
  return m; /* 6 */
}

SEC("xdp") int each_hash(struct xdp_md *ctx) {
  for (__u32 k = 1; k <= 10; k++) {
    __u64 v = k * k;
    bpf_map_update_elem(&hash, &k, &v, BPF_NOEXIST);
  }
  struct each_ctx all = {.stop_key = ~0u};
  long n = bpf_for_each_map_elem(&hash, visit, &all, 0);
  put(19, n);
  put(20, all.count * 100000 + all.sum);
  struct each_ctx stop = {.stop_key = 4};
  long m = bpf_for_each_map_elem(&hash, find, &stop, 0);
  /* how many elements come before key 4 depends on the map's order: record only the bounds */
  put(21, stop.found * 10 + (m >= 1 && m <= 10) + (m == stop.count ? 100 : 0));
  __u32 gone = 7;
  bpf_map_delete_elem(&hash, &gone);
  struct each_ctx after = {.stop_key = ~0u};
  long k = bpf_for_each_map_elem(&hash, visit, &after, 0);
  put(22, k);
  return n + k; /* 10 + 9 */
}

LICENSE_GPL;
