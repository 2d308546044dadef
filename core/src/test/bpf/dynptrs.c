/* Dynptrs made on the stack: a local one over a map value (bpf_dynptr_from_mem) and ring
 * buffer ones (bpf_ringbuf_reserve_dynptr, released by bpf_ringbuf_submit_dynptr or
 * bpf_ringbuf_discard_dynptr on every path, also when the reserve failed), used through
 * bpf_dynptr_write, bpf_dynptr_read and bpf_dynptr_data. Every helper's result goes to 'out'
 * (slot i = step i), the records to 'rb', the writes to 'mem'. dynptr_calls passes dynptrs
 * to bpf-to-bpf functions and a bpf_loop callback, which write, read and submit them. DynptrAgreementTest (kernel
 * module) runs it in the kernel and on each JVM engine and compares all three and r0;
 * JvmDynptrTest (core) compares with the kernel's values recorded there. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct blob {
  __u64 w[8];
};

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 4096);
} rb SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct blob);
} mem SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 24);
  __type(key, __u32);
  __type(value, __s64);
} out SEC(".maps");

static __always_inline void put(__u32 k, __s64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

SEC("xdp")
int dynptrs(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 16 > end)
    return XDP_ABORTED;
  __u64 in0 = ((__u64 *)data)[0];
  __u64 in1 = ((__u64 *)data)[1];
  __u32 k = 0;
  struct blob *b = bpf_map_lookup_elem(&mem, &k);
  if (!b)
    return XDP_ABORTED;
  struct bpf_dynptr local, bad, r;
  __u64 x = 0;

  /* a local dynptr over the map value */
  put(0, bpf_dynptr_from_mem(b, sizeof(*b), 0, &local));
  put(1, bpf_dynptr_write(&local, 8, &in0, 8, 0));
  put(2, bpf_dynptr_write(&local, 60, &in1, 8, 0)); /* past the end: -E2BIG */
  put(3, bpf_dynptr_write(&local, 0, &in1, 8, 1));  /* flags: -EINVAL */
  put(4, bpf_dynptr_read(&x, 8, &local, 8, 0));
  put(5, x);
  put(6, bpf_dynptr_read(&x, 8, &local, 57, 0)); /* -E2BIG */
  __u64 *s = bpf_dynptr_data(&local, 16, 8);
  if (s)
    *s = in1 ^ 0x5555;
  put(7, s != 0);
  put(8, bpf_dynptr_data(&local, 60, 8) != 0); /* NULL: outside */
  /* overlapping source and destination: a memmove */
  put(9, bpf_dynptr_write(&local, 24, &b->w[2], 16, 0));
  put(10, bpf_dynptr_from_mem(b, 8, 4, &bad)); /* flags: -EINVAL, and a NULL dynptr */
  put(11, bpf_dynptr_read(&x, 8, &bad, 0, 0)); /* -EINVAL */
  put(12, bpf_dynptr_write(&bad, 0, &in0, 0, 0)); /* -EINVAL */
  put(13, bpf_dynptr_from_mem(b, 0, 0, &local)); /* made again, empty */
  put(14, bpf_dynptr_read(&x, 0, &local, 0, 0));
  put(15, bpf_dynptr_read(&x, 1, &local, 0, 0)); /* -E2BIG */

  /* a record written through a ring buffer dynptr, submitted */
  long e = bpf_ringbuf_reserve_dynptr(&rb, 24, 0, &r);
  put(16, e);
  if (!e) {
    bpf_dynptr_write(&r, 0, &in0, 8, 0);
    __u64 *q = bpf_dynptr_data(&r, 8, 16);
    if (q) {
      q[0] = in1;
      q[1] = b->w[3];
    }
  }
  bpf_ringbuf_submit_dynptr(&r, 0);
  /* failed reserves leave a NULL dynptr, still to be released */
  put(17, bpf_ringbuf_reserve_dynptr(&rb, 8, 1, &r)); /* flags: -EINVAL */
  put(18, bpf_dynptr_write(&r, 0, &in0, 8, 0));       /* -EINVAL */
  bpf_ringbuf_discard_dynptr(&r, 0);
  put(19, bpf_ringbuf_reserve_dynptr(&rb, 8192, 0, &r)); /* larger than the ring: -EINVAL */
  bpf_ringbuf_discard_dynptr(&r, 0);
  put(20, bpf_ringbuf_reserve_dynptr(&rb, 1 << 24, 0, &r)); /* over 16 MiB - 1: -E2BIG */
  bpf_ringbuf_submit_dynptr(&r, 0);
  /* reserved, then discarded: the consumer never sees it */
  put(21, bpf_ringbuf_reserve_dynptr(&rb, 16, 0, &r));
  bpf_dynptr_write(&r, 0, &in1, 8, 0);
  put(22, bpf_dynptr_read(&x, 8, &r, 8, 0));
  bpf_ringbuf_discard_dynptr(&r, 0);
  /* a second record, 5 bytes, submitted without a wakeup */
  if (!bpf_ringbuf_reserve_dynptr(&rb, 5, 0, &r))
    bpf_dynptr_write(&r, 0, &in1, 5, 0);
  bpf_ringbuf_submit_dynptr(&r, BPF_RB_NO_WAKEUP);
  put(23, 1); /* runs */
  return (b->w[3] & 1) ? XDP_PASS : XDP_DROP;
}

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __s64);
} calls SEC(".maps");

static __always_inline void note(__u32 k, __s64 v) {
  bpf_map_update_elem(&calls, &k, &v, BPF_ANY);
}

static __noinline long fill(struct bpf_dynptr *d, __u64 v) {
  return bpf_dynptr_write(d, 0, &v, sizeof(v), 0);
}

static __noinline __u64 first(struct bpf_dynptr *d) {
  __u64 x = 0;
  bpf_dynptr_read(&x, sizeof(x), d, 0, 0);
  return x;
}

static __noinline void submit(struct bpf_dynptr *d) {
  bpf_ringbuf_submit_dynptr(d, 0);
}

/* adds the i-th word of the caller's local dynptr to the sum in its last word */
static long add_word(__u32 i, struct bpf_dynptr *d) {
  __u64 w = 0, sum = 0;
  if (bpf_dynptr_read(&w, 8, d, i * 8, 0))
    return 1;
  bpf_dynptr_read(&sum, 8, d, 56, 0);
  sum += w;
  bpf_dynptr_write(d, 56, &sum, 8, 0);
  return 0;
}

SEC("xdp")
int dynptr_calls(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 8 > end)
    return XDP_ABORTED;
  __u64 in0 = ((__u64 *)data)[0];
  __u32 k = 0;
  struct blob *b = bpf_map_lookup_elem(&mem, &k);
  if (!b)
    return XDP_ABORTED;
  struct bpf_dynptr local, r;
  bpf_dynptr_from_mem(b, sizeof(*b), 0, &local);
  note(0, fill(&local, in0 + 1));
  note(1, bpf_loop(7, add_word, &local, 0)); /* w[7] += w[0..6] */
  if (bpf_ringbuf_reserve_dynptr(&rb, 8, 0, &r)) {
    bpf_ringbuf_discard_dynptr(&r, 0);
    return XDP_DROP;
  }
  note(2, fill(&r, first(&local) + b->w[7]));
  note(3, first(&r));
  submit(&r);
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
