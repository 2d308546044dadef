/* JVM backend pipeline: the same read with the check off by one; the kernel rejects it
 * ("R0 max value is outside of the allowed memory range"), and so must bpf4j. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct val { __u64 a, b; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32);
  __type(value, struct val); } vals SEC(".maps");

SEC("socket") int index_off_by_one(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&vals, &k);
  if (!v) return 0;
  __u32 i = skb->len;
  if (i > sizeof(*v)) return 0;
  return ((unsigned char *)v)[i];
}

char LICENSE[] SEC("license") = "GPL";
