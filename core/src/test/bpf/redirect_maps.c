/* bpf_redirect_map through each kind of redirect map, keyed by the packet's first byte:
 * DEVMAP (with a fallback of XDP_PASS), DEVMAP_HASH (XDP_DROP), CPUMAP, XSKMAP, a broadcast
 * and bad flags; and a DEVMAP lookup. RedirectMapAgreementTest fills the maps the same way in
 * the kernel and on the JVM backend and compares every verdict. */
#include "common.h"

struct {
  __uint(type, BPF_MAP_TYPE_DEVMAP);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u32);
} tx SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, struct bpf_devmap_val);
} txh SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_CPUMAP);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, struct bpf_cpumap_val);
} cpus SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_XSKMAP);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, __u32);
} xsks SEC(".maps");

static __u32 first(struct xdp_md *ctx) {
  const __u8 *p = (const __u8 *)(long)ctx->data;
  if (p + 1 > (const __u8 *)(long)ctx->data_end)
    return 0;
  return p[0];
}

SEC("xdp")
int to_dev(struct xdp_md *ctx) {
  return bpf_redirect_map(&tx, first(ctx), XDP_PASS);
}

SEC("xdp")
int to_dev_hash(struct xdp_md *ctx) {
  return bpf_redirect_map(&txh, first(ctx), XDP_DROP);
}

SEC("xdp")
int to_cpu(struct xdp_md *ctx) {
  return bpf_redirect_map(&cpus, first(ctx), XDP_PASS);
}

SEC("xdp")
int to_xsk(struct xdp_md *ctx) {
  return bpf_redirect_map(&xsks, first(ctx), XDP_PASS);
}

SEC("xdp")
int broadcast(struct xdp_md *ctx) {
  return bpf_redirect_map(&tx, 0, BPF_F_BROADCAST | BPF_F_EXCLUDE_INGRESS);
}

SEC("xdp")
int bad_flags(struct xdp_md *ctx) {
  return bpf_redirect_map(&tx, 0, 1 << 5);
}

SEC("xdp")
int dev_lookup(struct xdp_md *ctx) {
  __u32 k = first(ctx);
  __u32 *ifindex = bpf_map_lookup_elem(&tx, &k);
  return ifindex ? *ifindex + 10 : 99;
}

LICENSE_GPL;
