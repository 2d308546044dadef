/* A map pinned by name (LIBBPF_PIN_BY_NAME); not loaded by the kernel test (it would pin). */
#include "common.h"
struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u32); __uint(max_entries, 10); __uint(pinning, LIBBPF_PIN_BY_NAME); } shared SEC(".maps");
SEC("tc") int pin_user(struct __sk_buff *skb) { __u32 k = skb->mark; return bpf_map_lookup_elem(&shared, &k) != 0; }
LICENSE_GPL;
