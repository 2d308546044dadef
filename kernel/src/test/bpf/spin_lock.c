/* bpf_spin_lock in a map value: each run adds the packet's first byte to a locked pair of
 * counters, in an array and in a hash map. The differential test runs it many times in the
 * kernel and on the JVM backend, then also reads and writes the values from user space with
 * BPF_F_LOCK. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct locked {
  __u32 count;
  struct bpf_spin_lock lock;
  __u64 sum;
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, struct locked);
} arr SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 16);
  __type(key, __u32);
  __type(value, struct locked);
} tab SEC(".maps");

static __always_inline void add(struct locked *v, __u64 x) {
  bpf_spin_lock(&v->lock);
  v->count++;
  v->sum += x;
  bpf_spin_unlock(&v->lock);
}

SEC("xdp")
int spin_lock(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 2 > end)
    return XDP_ABORTED;
  __u64 x = *(__u8 *)data;
  __u32 key = ((__u8 *)data)[1] & 1;
  struct locked *a = bpf_map_lookup_elem(&arr, &key);
  if (!a)
    return XDP_ABORTED;
  add(a, x);
  struct locked *h = bpf_map_lookup_elem(&tab, &key);
  if (!h) {
    struct locked zero = {};
    bpf_map_update_elem(&tab, &key, &zero, BPF_NOEXIST);
    h = bpf_map_lookup_elem(&tab, &key);
    if (!h)
      return XDP_ABORTED;
  }
  add(h, x * 2);
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
