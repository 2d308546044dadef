#include "corpus.h"

SEC("socket") int c_array_index_off_by_one(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct val *v = bpf_map_lookup_elem(&arr, &k);
  if (!v) return 0;
  __u32 i = skb->len;
  if (i > sizeof(*v)) return 0;
  return ((unsigned char *)v)[i];
}
