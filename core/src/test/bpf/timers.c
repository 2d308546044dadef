/* bpf_timer in map values: the helpers' return codes (timer_errors), callbacks that fire
 * later with (map, key, value) in an array and a hash map (timer_fire), an absolute expiry
 * and a callback that re-arms its own timer and tries to cancel it (timer_rearm), and timers
 * that a delete or an update of their element cancels (timer_gone: hash delete, hash update,
 * array update). The agreement test runs each program once in the kernel and on each engine
 * of the JVM backend, waits, and compares the maps and the globals. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
/* BPF_F_TIMER_ABS (6.7), newer than the build host's linux/bpf.h */
#define TIMER_ABS 1

struct elem {
  struct bpf_timer t;
  __u64 fired;
  __u64 key;
  __s64 res;
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, struct elem);
} arr SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, struct elem);
} hash SEC(".maps");

/* what the helpers returned, by step */
struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 19);
  __type(key, __u32);
  __type(value, __s64);
} out SEC(".maps");

/* callbacks of timers that must never fire */
__u64 stray;

static void put(__u32 k, __s64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

static int cb(void *map, __u32 *key, struct elem *v) {
  v->fired++;
  v->key = *key;
  return 0;
}

static int cb_rearm(void *map, __u32 *key, struct elem *v) {
  v->fired++;
  v->key = *key;
  v->res = bpf_timer_cancel(&v->t); /* its own timer, from its callback */
  if (v->fired < 3)
    bpf_timer_start(&v->t, 1000, 0);
  return 0;
}

static int cb_stray(void *map, __u32 *key, struct elem *v) {
  __sync_fetch_and_add(&stray, 1);
  return 0;
}

SEC("xdp")
int timer_errors(struct xdp_md *ctx) {
  __u32 k = 0;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  put(0, bpf_timer_cancel(&v->t));
  put(1, bpf_timer_start(&v->t, 0, 0));
  put(2, bpf_timer_set_callback(&v->t, cb));
  put(3, bpf_timer_init(&v->t, &arr, 42));
  put(4, bpf_timer_init(&v->t, &arr, CLOCK_MONOTONIC));
  put(5, bpf_timer_init(&v->t, &arr, CLOCK_REALTIME));
  put(6, bpf_timer_start(&v->t, 0, 0));
  put(7, bpf_timer_set_callback(&v->t, cb));
  put(8, bpf_timer_start(&v->t, 1000000000, 4));
  put(9, bpf_timer_start(&v->t, 1000000000, 0));
  put(10, bpf_timer_cancel(&v->t));
  put(11, bpf_timer_cancel(&v->t));
  put(12, bpf_timer_start(&v->t, 1000000000, 0));
  put(13, bpf_timer_set_callback(&v->t, cb));
  put(14, bpf_timer_start(&v->t, 2000000000, 0));
  put(15, bpf_timer_cancel(&v->t));
  return XDP_PASS;
}

SEC("xdp")
int timer_fire(struct xdp_md *ctx) {
  __u32 k = 1;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  bpf_timer_init(&v->t, &arr, CLOCK_MONOTONIC);
  bpf_timer_set_callback(&v->t, cb);
  bpf_timer_start(&v->t, 1000000, 0);

  struct elem zero = {};
  __u32 hk = 7;
  bpf_map_update_elem(&hash, &hk, &zero, BPF_NOEXIST);
  struct elem *h = bpf_map_lookup_elem(&hash, &hk);
  if (!h)
    return XDP_ABORTED;
  bpf_timer_init(&h->t, &hash, CLOCK_MONOTONIC);
  bpf_timer_set_callback(&h->t, cb);
  bpf_timer_start(&h->t, 2000000, 0);
  return XDP_PASS;
}

SEC("xdp")
int timer_rearm(struct xdp_md *ctx) {
  __u32 k = 2;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  bpf_timer_init(&v->t, &arr, CLOCK_MONOTONIC);
  bpf_timer_set_callback(&v->t, cb_rearm);
  /* absolute: 1 ms from now on the timer's clock. The result goes to the map, not to r0:
   * under bpftool prog loadall, which holds no map, bpf_timer_init returns -EPERM */
  put(17, bpf_timer_start(&v->t, bpf_ktime_get_ns() + 1000000, TIMER_ABS));
  return XDP_PASS;
}

SEC("xdp")
int timer_gone(struct xdp_md *ctx) {
  struct elem zero = {};
  __u32 hk = 9;
  bpf_map_update_elem(&hash, &hk, &zero, BPF_NOEXIST);
  struct elem *h = bpf_map_lookup_elem(&hash, &hk);
  if (!h)
    return XDP_ABORTED;
  bpf_timer_init(&h->t, &hash, CLOCK_MONOTONIC);
  bpf_timer_set_callback(&h->t, cb_stray);
  bpf_timer_start(&h->t, 300000000, 0);
  bpf_map_delete_elem(&hash, &hk); /* cancels the timer */

  hk = 10;
  bpf_map_update_elem(&hash, &hk, &zero, BPF_NOEXIST);
  h = bpf_map_lookup_elem(&hash, &hk);
  if (!h)
    return XDP_ABORTED;
  bpf_timer_init(&h->t, &hash, CLOCK_MONOTONIC);
  bpf_timer_set_callback(&h->t, cb_stray);
  bpf_timer_start(&h->t, 300000000, 0);
  bpf_map_update_elem(&hash, &hk, &zero, BPF_EXIST); /* replaces the element: cancelled */
  h = bpf_map_lookup_elem(&hash, &hk);
  if (!h)
    return XDP_ABORTED;
  put(18, bpf_timer_start(&h->t, 0, 0)); /* the new element's timer is not initialised */

  __u32 k = 3;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  bpf_timer_init(&v->t, &arr, CLOCK_MONOTONIC);
  bpf_timer_set_callback(&v->t, cb_stray);
  bpf_timer_start(&v->t, 300000000, 0);
  zero.fired = 5;
  bpf_map_update_elem(&arr, &k, &zero, BPF_ANY); /* frees the old timer: cancelled */
  /* the timer word reads as uninitialised again */
  put(16, bpf_timer_start(&v->t, 0, 0));
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
