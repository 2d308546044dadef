/* a program may not update a DEVMAP */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_DEVMAP);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u32);
} tx SEC(".maps");

SEC("xdp")
int devmap_update(struct xdp_md *ctx) {
  __u32 k = 0, v = 1;
  return bpf_map_update_elem(&tx, &k, &v, 0) ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
