/* Tail calls through a prog_array: the packet's first byte picks the slot. Slot 0 holds
 * 'tail_add' (returns 10 + its count), slot 1 is empty, slot 2 holds 'tail_loop' (tail-calls
 * itself until the 33-call limit stops it), slot 3 holds 'tail_two' (one more hop to slot 0);
 * an index past max_entries fails. Each program counts its runs in 'counts' (a failed
 * bpf_tail_call goes on with the next instruction: slots 4.. count those; the helper's
 * return value is void to the verifier). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __u64);
} counts SEC(".maps");

static __always_inline __u64 count(__u32 slot) {
  __u64 *v = bpf_map_lookup_elem(&counts, &slot);
  if (!v)
    return 0;
  return __sync_fetch_and_add(v, 1) + 1;
}

int tail_add(struct xdp_md *ctx);
int tail_loop(struct xdp_md *ctx);
int tail_two(struct xdp_md *ctx);

struct {
  __uint(type, BPF_MAP_TYPE_PROG_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __array(values, int(void *));
} jump SEC(".maps") = {
  .values = {
    [0] = (void *)&tail_add,
    [2] = (void *)&tail_loop,
    [3] = (void *)&tail_two,
  },
};

SEC("xdp")
int tail_add(struct xdp_md *ctx) {
  return 10 + count(1);
}

SEC("xdp")
int tail_loop(struct xdp_md *ctx) {
  __u64 n = count(2);
  bpf_tail_call(ctx, &jump, 2);
  count(5);
  return 1000 + n;
}

SEC("xdp")
int tail_two(struct xdp_md *ctx) {
  count(3);
  bpf_tail_call(ctx, &jump, 0);
  count(6);
  return 7;
}

SEC("xdp")
int tail_entry(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 1 > end)
    return XDP_ABORTED;
  __u32 slot = *(__u8 *)data;
  count(0);
  bpf_tail_call(ctx, &jump, slot);
  count(4);
  return 100 + slot;
}

/* A tail call from a bpf-to-bpf subprogram: the target takes over the subprogram's frame
 * only, so its r0 comes back to the subprogram's caller, which goes on. */
static __attribute__((noinline)) int via_sub(struct xdp_md *ctx, __u32 slot) {
  bpf_tail_call(ctx, &jump, slot);
  count(7);
  return (int)(ctx->data_end - ctx->data);
}

SEC("xdp")
int tail_from_sub(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 1 > end)
    return XDP_ABORTED;
  int r = via_sub(ctx, *(__u8 *)data);
  return r + 100000;
}

char LICENSE[] SEC("license") = "GPL";
