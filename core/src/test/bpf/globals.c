/* Global data: .data, .bss, .rodata (const volatile configuration), custom sections, strings. */
#include "common.h"
const volatile __u32 port = 80;
const volatile __u8 verbose = 0;
const volatile __u64 limit = 1ULL << 40;
__u64 packets = 5;
__u32 seen[4];
static __u32 hidden_counter;
__u32 tuned SEC(".data.tuned") = 0x1234;
const volatile char banner[8] SEC(".rodata.cfg") = "bpf4j";
SEC("xdp") int use_globals(struct xdp_md *ctx) {
  packets++;
  hidden_counter += port;
  seen[ctx->rx_queue_index & 3] = tuned;
  if (verbose) bpf_printk("port %d limit %llu", port, limit);
  return banner[0] == 'b' && packets < limit ? XDP_PASS : XDP_DROP;
}
LICENSE_GPL;
