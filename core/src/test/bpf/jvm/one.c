/* A single-program object: 'prog run' takes its program without --prog. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp") int only(struct xdp_md *ctx) { return XDP_PASS; }

char LICENSE[] SEC("license") = "GPL";
