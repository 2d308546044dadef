#include "tp_btf.h"

/* fentry on tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len): bpf4j's
 * verifier accepts it (sk is a ptr_sock); a kernel without BPF trampolines refuses to load it
 * (EPERM) */
struct sock_common {
  unsigned short skc_family;
} __attribute__((preserve_access_index));

struct sock {
  struct sock_common __sk_common;
} __attribute__((preserve_access_index));

__u64 family;

SEC("fentry/tcp_v4_connect")
int BPF_PROG(fentry_connect, struct sock *sk, void *uaddr, int addr_len)
{
  family = sk->__sk_common.skc_family + addr_len;
  return 0;
}
