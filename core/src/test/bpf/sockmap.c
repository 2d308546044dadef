/* sk_skb and sk_msg programs with a sockmap and a sockhash. */
#include "common.h"
struct { __uint(type, BPF_MAP_TYPE_SOCKMAP); __type(key, __u32); __type(value, __u32); __uint(max_entries, 8); } socks SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_SOCKHASH); __type(key, __u64); __type(value, __u64); __uint(max_entries, 8); } socks_by_cookie SEC(".maps");
SEC("sk_skb/stream_parser") int parser(struct __sk_buff *skb) { return skb->len; }
SEC("sk_skb/stream_verdict") int verdict(struct __sk_buff *skb) { return bpf_sk_redirect_map(skb, &socks, 0, 0); }
SEC("sk_msg") int msg(struct sk_msg_md *m) { __u64 k = 1; return bpf_msg_redirect_hash(m, &socks_by_cookie, &k, 0); }
LICENSE_GPL;
