/* a CPUMAP is only for bpf_redirect_map */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_CPUMAP);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, __u32);
} cpus SEC(".maps");

SEC("xdp")
int cpumap_lookup(struct xdp_md *ctx) {
  __u32 k = 0;
  return bpf_map_lookup_elem(&cpus, &k) ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
