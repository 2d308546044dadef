/* BPF_MAP_TYPE_USER_RINGBUF: user space produces, bpf_user_ringbuf_drain hands each sample
 * to the callback as a dynptr, read with bpf_dynptr_read and bpf_dynptr_data. A sample of
 * 99 stops the drain (the callback returns 1). UserRingbufAgreementTest produces the same
 * samples into the kernel's map and the JVM backend's and compares what the drains saw. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_USER_RINGBUF);
  __uint(max_entries, 4096);
} urb SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __s64);
} out SEC(".maps");

struct stats {
  __u64 sum;
  __u64 n;
  __s64 bad;
  __s64 past_end;
};

static void add(__u32 k, __s64 v) {
  __s64 *p = bpf_map_lookup_elem(&out, &k);
  if (p)
    *p += v;
}

static long each(struct bpf_dynptr *d, struct stats *st) {
  __u64 v = 0;
  long r = bpf_dynptr_read(&v, sizeof(v), d, 0, 0);
  if (r) {
    st->bad = r;
    return 1;
  }
  const __u64 *p = bpf_dynptr_data(d, 0, sizeof(*p));
  if (!p || *p != v) {
    st->bad = -1000;
    return 1;
  }
  __u64 w;
  st->past_end = bpf_dynptr_read(&w, sizeof(w), d, 4096, 0);
  st->sum += v;
  st->n++;
  return v == 99;
}

SEC("xdp")
int drain(struct xdp_md *ctx) {
  struct stats st = {};
  add(0, bpf_user_ringbuf_drain(&urb, each, &st, 0));
  add(1, st.sum);
  add(2, st.n);
  add(3, st.bad);
  add(4, st.past_end);
  add(5, bpf_user_ringbuf_drain(&urb, each, &st, 8)); /* flags: -EINVAL */
  add(6, 1); /* runs */
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
