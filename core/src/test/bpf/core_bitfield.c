/* CO-RE bitfield extraction (lshift/rshift relocations) on sk_buff, in a tc program. */
#include "common.h"
#include "include/mini_vmlinux.h"
#include <bpf/bpf_core_read.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 4); } out SEC(".maps");
SEC("raw_tp/kfree_skb") int skb_bits(struct bpf_raw_tracepoint_args *ctx) {
  struct sk_buff *skb = (void *)ctx->args[0];
  __u32 k = 0;
  __u64 v = BPF_CORE_READ_BITFIELD_PROBED(skb, cloned);
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
  k = 1;
  v = bpf_core_field_size(skb->protocol) + bpf_core_field_offset(skb->len);
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
  return 0;
}
LICENSE_GPL;
