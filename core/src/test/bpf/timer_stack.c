/* A timer callback runs on its own, so the kernel's verifier checks its stack as frame 0 of
 * a fresh state: 400 bytes in the program and 256 in the callback are within the 512-byte
 * limit for each, though not together. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct elem {
  struct bpf_timer t;
  __u64 sum;
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct elem);
} arr SEC(".maps");

static int cb(void *map, __u32 *key, struct elem *v) {
  volatile __u64 buf[32];
  for (int i = 0; i < 32; i++)
    buf[i] = i;
  v->sum = buf[7] + buf[31];
  return 0;
}

SEC("xdp")
int timer_stack(struct xdp_md *ctx) {
  volatile __u64 buf[50];
  for (int i = 0; i < 50; i++)
    buf[i] = i;
  __u32 k = 0;
  struct elem *v = bpf_map_lookup_elem(&arr, &k);
  if (!v)
    return XDP_ABORTED;
  bpf_timer_init(&v->t, &arr, 1);
  bpf_timer_set_callback(&v->t, cb);
  bpf_timer_start(&v->t, 0, 0);
  return buf[49] == 49 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
