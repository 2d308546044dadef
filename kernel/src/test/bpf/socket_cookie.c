/* The socket a test run gives its skb: BPF_PROG_TEST_RUN runs skb programs with a socket of
 * its own (no address, owner uid 0), so bpf_get_socket_cookie returns that socket's cookie
 * (made at its first use, the same for the rest of the run) and bpf_get_socket_uid returns 0.
 * Each program writes, in 'out': [0] the cookie, [1] the cookie asked again, [2] the uid,
 * [3] the cookie asked from a subprogram. It returns the uid + 1 (the cgroup program, which
 * must return 0 or 1: 1 when the uid is 0). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u64);
} out SEC(".maps");

static void put(__u32 slot, __u64 v) {
  bpf_map_update_elem(&out, &slot, &v, BPF_ANY);
}

static __attribute__((noinline)) int from_sub(struct __sk_buff *skb) {
  put(3, bpf_get_socket_cookie(skb));
  return 0;
}

static __always_inline int record(struct __sk_buff *skb) {
  __u64 uid = bpf_get_socket_uid(skb);
  put(0, bpf_get_socket_cookie(skb));
  put(1, bpf_get_socket_cookie(skb));
  put(2, uid);
  from_sub(skb);
  return (int) uid + 1;
}

SEC("tc")
int cookie_tc(struct __sk_buff *skb) {
  return record(skb);
}

SEC("socket")
int cookie_socket(struct __sk_buff *skb) {
  return record(skb);
}

SEC("cgroup_skb/ingress")
int cookie_cgroup(struct __sk_buff *skb) {
  return record(skb) == 1;
}
