#include "corpus.h"

SEC("socket") int c_lookup_check(void *ctx)
{
  __u32 k = bpf_get_prandom_u32();
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  if (!v) return 0;
  return v->a + v->b;
}
