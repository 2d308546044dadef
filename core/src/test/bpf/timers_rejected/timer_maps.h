/* The maps of the rejected timer programs: each .c is one program that the kernel's verifier
 * refuses, and so must bpf4j's (TimerAgreementTest, TimerVerifierTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct elem {
  struct bpf_timer t;
  __u64 fired;
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, struct elem);
} arr SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 2);
  __type(key, __u32);
  __type(value, struct elem);
} other SEC(".maps");

char LICENSE[] SEC("license") = "GPL";
