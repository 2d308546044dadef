/* The packet helpers over the contexts of a test run: XDP programs move data, data_end and
 * data_meta with bpf_xdp_adjust_head/_tail/_meta and then read or write the packet; tc and
 * socket filter programs read and write it with bpf_skb_load_bytes/_store_bytes and patch
 * IPv4 and UDP checksums with bpf_l3/l4_csum_replace; bpf_xdp_get_buff_len, _load_bytes and
 * _store_bytes read and write an XDP packet; bpf_skb_pull_data makes a tc packet linear. PacketHelpersDifferentialTest runs each
 * on the same packet in the kernel and on the JVM backend and compares r0 and the packet.
 * bpf_xdp_adjust_meta, which this kernel does not give XDP programs, is in xdp_meta.c. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_HLEN 14
#define IP_CSUM_OFF (ETH_HLEN + 10)
#define IP_SRC_OFF (ETH_HLEN + 12)
#define UDP_CSUM_OFF (ETH_HLEN + 20 + 6)

static __always_inline long len(struct xdp_md *ctx) {
  return ctx->data_end - ctx->data;
}

SEC("xdp")
int xdp_head_shrink(struct xdp_md *ctx) {
  long err = bpf_xdp_adjust_head(ctx, ETH_HLEN);
  if (err)
    return 1000 - err;
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 4 > end)
    return 2;
  return *(__u32 *)data ^ len(ctx);
}

SEC("xdp")
int xdp_head_grow(struct xdp_md *ctx) {
  long err = bpf_xdp_adjust_head(ctx, -8);
  if (err)
    return 1000 - err;
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 8 > end)
    return 2;
  *(__u64 *)data = 0x1122334455667788ULL;
  return len(ctx);
}

SEC("xdp")
int xdp_head_too_far(struct xdp_md *ctx) {
  long a = bpf_xdp_adjust_head(ctx, 4096);
  long b = bpf_xdp_adjust_head(ctx, -4096);
  long c = bpf_xdp_adjust_head(ctx, len(ctx) - 10); /* would leave less than an Ethernet header */
  return (-a) * 10000 + (-b) * 100 + -c;
}

SEC("xdp")
int xdp_tail_shrink(struct xdp_md *ctx) {
  long err = bpf_xdp_adjust_tail(ctx, -10);
  if (err)
    return 1000 - err;
  return len(ctx);
}

SEC("xdp")
int xdp_tail_grow(struct xdp_md *ctx) {
  long err = bpf_xdp_adjust_tail(ctx, 16);
  if (err)
    return 1000 - err;
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 80 > end)
    return 2;
  *(__u64 *)(data + 72) = 0x0102030405060708ULL;
  return len(ctx);
}

SEC("xdp")
int xdp_bytes(struct xdp_md *ctx) {
  __u32 a = 0, b = 0, c = 0;
  long n = bpf_xdp_get_buff_len(ctx);
  long ea = bpf_xdp_load_bytes(ctx, 12, &a, 4);
  long eb = bpf_xdp_load_bytes(ctx, n - 2, &b, 4); /* past the end: -EINVAL */
  long ec = bpf_xdp_load_bytes(ctx, 0x10000, &c, 4); /* above 0xffff: -EFAULT */
  __u32 v = 0xcafef00d;
  long es = bpf_xdp_store_bytes(ctx, 20, &v, 4);
  long et = bpf_xdp_store_bytes(ctx, n - 1, &v, 4);
  __u32 back = 0;
  bpf_xdp_load_bytes(ctx, 20, &back, 4);
  return (a ^ back) + n * 3 + ea + eb * 5 + ec * 7 + es * 11 + et * 13 + b + c;
}

/* bpf_xdp_store_bytes writes in place: packet pointers checked before it stay valid */
SEC("xdp")
int xdp_store_keeps_pointers(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
  if (data + 24 > end)
    return 1;
  __u32 v = 0x01020304;
  bpf_xdp_store_bytes(ctx, 20, &v, 4);
  return *(__u32 *)(data + 20);
}

/* bpf_skb_pull_data: a test run's packet is linear; more than it holds is -ENOMEM; the
 * packet pointers must be checked again after it */
SEC("tc")
int skb_pull(struct __sk_buff *skb) {
  long a = bpf_skb_pull_data(skb, 20);
  long b = bpf_skb_pull_data(skb, 0);
  long c = bpf_skb_pull_data(skb, 5000);
  void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
  if (data + 14 > end)
    return 1;
  return *(__u8 *)(data + 13) + a * 10 + b * 100 + c * 1000;
}

SEC("tc")
int skb_load(struct __sk_buff *skb) {
  __u32 a = 0, b = 0, c = 0, d = 0;
  long ea = bpf_skb_load_bytes(skb, 0, &a, 4);
  long eb = bpf_skb_load_bytes(skb, 12, &b, 4);
  long ec = bpf_skb_load_bytes(skb, skb->len - 4, &c, 4);
  long ed = bpf_skb_load_bytes(skb, skb->len - 2, &d, 4); /* past the end: -EFAULT, d zeroed */
  return (a ^ b ^ c ^ d) + ea + eb + ec + ed * 3;
}

SEC("tc")
int skb_store(struct __sk_buff *skb) {
  __u32 v = 0xdeadbeef;
  long e1 = bpf_skb_store_bytes(skb, 20, &v, 4, 0);
  long e2 = bpf_skb_store_bytes(skb, skb->len - 2, &v, 4, 0);
  __u32 back = 0;
  bpf_skb_load_bytes(skb, 20, &back, 4);
  return back + e1 + e2 * 7;
}

SEC("tc")
int skb_csum(struct __sk_buff *skb) {
  __u32 old = 0;
  if (bpf_skb_load_bytes(skb, IP_SRC_OFF, &old, 4))
    return 1;
  __u32 new = bpf_htonl(0x0a000063); /* 10.0.0.99 */
  long e1 = bpf_l3_csum_replace(skb, IP_CSUM_OFF, old, new, 4);
  long e2 = bpf_l4_csum_replace(skb, UDP_CSUM_OFF, old, new, BPF_F_PSEUDO_HDR | 4);
  long e3 = bpf_skb_store_bytes(skb, IP_SRC_OFF, &new, 4, 0);
  __u16 port_old = 0, port_new = bpf_htons(4242);
  bpf_skb_load_bytes(skb, ETH_HLEN + 20, &port_old, 2);
  long e4 = bpf_l4_csum_replace(skb, UDP_CSUM_OFF, port_old, port_new, 2);
  long e5 = bpf_skb_store_bytes(skb, ETH_HLEN + 20, &port_new, 2, 0);
  long e6 = bpf_l3_csum_replace(skb, skb->len, 0, 1, 2); /* past the end */
  return e1 + e2 + e3 + e4 + e5 + (-e6) * 100;
}

SEC("socket")
int socket_load(struct __sk_buff *skb) {
  __u32 a = 0;
  long e = bpf_skb_load_bytes(skb, 0, &a, 4); /* a socket filter's data starts at the IP header */
  return (a & 0xff) + e * 1000 + skb->len;
}
