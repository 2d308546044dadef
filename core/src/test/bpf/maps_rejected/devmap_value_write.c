/* the kernel makes a DEVMAP read-only to programs (BPF_F_RDONLY_PROG) */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_DEVMAP);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u32);
} tx SEC(".maps");

SEC("xdp")
int devmap_value_write(struct xdp_md *ctx) {
  __u32 k = 0;
  __u32 *v = bpf_map_lookup_elem(&tx, &k);
  if (!v)
    return XDP_PASS;
  *v = 1;
  return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
