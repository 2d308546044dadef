/* .rodata is BPF_F_RDONLY_PROG: the program may not write it */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile int limit = 5;

SEC("xdp")
int rodata_write(struct xdp_md *ctx) {
  *(volatile int *)&limit = 7;
  return limit == 7 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
