/* bpf_perf_event_output from an XDP program: records of several sizes on the current CPU,
 * an index out of range (-E2BIG) and an index without a reader (-ENOENT, when the map has
 * more slots than CPUs). Return values go to 'results'. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
  __uint(max_entries, 1024);
  __type(key, __u32);
  __type(value, __u32);
} events SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __s64);
} results SEC(".maps");

struct sample {
  __u32 seq;
  __u32 len;
  __u8 head[16];
};

static __always_inline void put(__u32 slot, __s64 v) {
  bpf_map_update_elem(&results, &slot, &v, BPF_ANY);
}

SEC("xdp")
int perf_output(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 32 > end)
    return XDP_ABORTED;
  struct sample s = {};
  s.seq = 1;
  s.len = (__u32)(end - data);
  __builtin_memcpy(s.head, data, 16);
  put(0, bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &s, sizeof(s)));
  s.seq = 2;
  put(1, bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &s, 4));
  __u64 word = 0x0102030405060708ULL;
  put(2, bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &word, sizeof(word)));
  put(3, bpf_perf_event_output(ctx, &events, 1024, &s, sizeof(s)));
  put(4, bpf_perf_event_output(ctx, &events, 1023, &s, sizeof(s)));
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
