/* bpf_redirect_map takes a DEVMAP, DEVMAP_HASH, CPUMAP or XSKMAP */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u32);
} tx SEC(".maps");

SEC("xdp")
int redirect_map_hash(struct xdp_md *ctx) {
  return bpf_redirect_map(&tx, 0, XDP_PASS);
}

char LICENSE[] SEC("license") = "GPL";
