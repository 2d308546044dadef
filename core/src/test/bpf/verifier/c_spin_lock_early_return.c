#include "corpus.h"

SEC("tc") int c_spin_lock_early_return(struct __sk_buff *skb)
{
  __u32 k = 0;
  struct lockval *v = bpf_map_lookup_elem(&locks, &k);
  if (!v) return 0;
  bpf_spin_lock(&v->lock);
  if (v->x > 10) return 1;
  v->x++;
  bpf_spin_unlock(&v->lock);
  return 0;
}
