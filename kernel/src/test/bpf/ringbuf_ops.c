/* Ring buffer records from XDP programs: bpf_ringbuf_output of several sizes, reserve +
 * submit, reserve + discard, a reserve that does not fit, and bpf_ringbuf_query. Every
 * helper's return value goes to 'results' (slot i = step i); the records go to 'rb'. The
 * differential test runs it in the kernel and on the JVM backend and compares both. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 4096);
} rb SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 16);
  __type(key, __u32);
  __type(value, __s64);
} results SEC(".maps");

static __always_inline void put(__u32 slot, __s64 v) {
  bpf_map_update_elem(&results, &slot, &v, BPF_ANY);
}

SEC("xdp")
int ringbuf_ops(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 64 > end)
    return XDP_ABORTED;
  __u8 *p = data;
  __u8 buf[64]; /* helpers may not read the packet itself */
  __builtin_memcpy(buf, data, 64);
  put(0, bpf_ringbuf_output(&rb, buf, 1, 0));
  put(1, bpf_ringbuf_output(&rb, buf, 13, BPF_RB_NO_WAKEUP));
  put(2, bpf_ringbuf_output(&rb, buf, 64, BPF_RB_FORCE_WAKEUP));
  put(3, bpf_ringbuf_output(&rb, buf, 8, 4)); /* an unknown flag: -EINVAL */
  __u64 *r = bpf_ringbuf_reserve(&rb, 24, 0);
  put(4, r != 0);
  if (r) {
    r[0] = p[0] | (__u64)p[1] << 8;
    r[1] = 0x1122334455667788ULL;
    r[2] = (__u64)p[2] << 32;
    bpf_ringbuf_submit(r, 0);
  }
  __u32 *d = bpf_ringbuf_reserve(&rb, 40, 0);
  put(5, d != 0);
  if (d) {
    d[0] = 0xdead;
    bpf_ringbuf_discard(d, 0);
  }
  /* taken so far: 8+8, 8+16, 8+64, 8+24, 8+40 = 192 bytes; 3920 + 8 more do not fit */
  void *big = bpf_ringbuf_reserve(&rb, 3920, 0);
  put(6, big != 0);
  if (big)
    bpf_ringbuf_discard(big, 0);
  put(7, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA));
  put(8, bpf_ringbuf_query(&rb, BPF_RB_RING_SIZE));
  put(9, bpf_ringbuf_query(&rb, BPF_RB_CONS_POS));
  put(10, bpf_ringbuf_query(&rb, BPF_RB_PROD_POS));
  __u16 *small = bpf_ringbuf_reserve(&rb, 2, 0);
  put(11, small != 0);
  if (small) {
    small[0] = p[3];
    bpf_ringbuf_submit(small, BPF_RB_NO_WAKEUP);
  }
  put(12, bpf_ringbuf_query(&rb, BPF_RB_PROD_POS));
  return XDP_PASS;
}

/* One bpf_ringbuf_output of packet[0] & 127 bytes (packet[1] + 0, + 1, ...): the test fills
 * the ring exactly and wraps it. Slot 13: the result, 14: avail data, 15: prod pos. */
SEC("xdp")
int ringbuf_fill(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  if (data + 2 > end)
    return XDP_ABORTED;
  __u8 *p = data;
  __u32 n = p[0] & 127;
  __u8 seed = p[1];
  __u8 buf[128];
  for (int i = 0; i < 128; i++)
    buf[i] = seed + i;
  put(13, bpf_ringbuf_output(&rb, buf, n, 0));
  put(14, bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA));
  put(15, bpf_ringbuf_query(&rb, BPF_RB_PROD_POS));
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
