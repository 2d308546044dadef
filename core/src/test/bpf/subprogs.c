/* bpf-to-bpf calls: global and static functions in .text, nested, shared by two programs. */
#include "common.h"
static __noinline int square(int x) { return x * x; }
static __noinline int twice(int x) { return x + x; }
__noinline int global_helper(int x) { return square(x) + twice(x); }
static __noinline int chain3(int x) { return x - 1; }
static __noinline int chain2(int x) { return chain3(x) * 3; }
static __noinline int chain1(int x) { return chain2(x) + square(x); }
SEC("xdp") int first(struct xdp_md *ctx) { return global_helper(ctx->rx_queue_index) + chain1(2) > 0 ? XDP_PASS : XDP_DROP; }
SEC("tc") int second(struct __sk_buff *skb) { return twice(skb->len) + chain1(skb->mark); }
LICENSE_GPL;
