/* cgroup programs: skb ingress/egress, sock, sock_addr, sysctl, device, sockopt. */
#include "common.h"
SEC("cgroup_skb/ingress") int skb_in(struct __sk_buff *skb) { return 1; }
SEC("cgroup_skb/egress") int skb_out(struct __sk_buff *skb) { return skb->len < 9000; }
SEC("cgroup/sock_create") int sock_create(struct bpf_sock *sk) { return 1; }
SEC("cgroup/connect4") int connect4(struct bpf_sock_addr *ctx) { return ctx->user_port != __builtin_bswap16(9); }
SEC("cgroup/sendmsg6") int sendmsg6(struct bpf_sock_addr *ctx) { return 1; }
SEC("cgroup/sysctl") int sysctl(struct bpf_sysctl *ctx) { return 1; }
SEC("cgroup/dev") int dev(struct bpf_cgroup_dev_ctx *ctx) { return ctx->major != 42; }
SEC("cgroup/getsockopt") int getsockopt(struct bpf_sockopt *ctx) { return 1; }
LICENSE_GPL;
