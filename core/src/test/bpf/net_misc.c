#include "common.h"
SEC("sockops") int ops(struct bpf_sock_ops *o) { return 1; }
SEC("sk_lookup") int lookup(struct bpf_sk_lookup *c) { return SK_PASS; }
SEC("flow_dissector") int dissect(struct __sk_buff *skb) { return BPF_OK; }
SEC("sk_reuseport") int reuse(struct sk_reuseport_md *m) { return SK_PASS; }
SEC("lwt_in") int lwt(struct __sk_buff *skb) { return BPF_OK; }
LICENSE_GPL;
