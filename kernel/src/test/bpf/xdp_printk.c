/* bpf_trace_printk from an XDP program that test runs can run: 'prog run' prints the trace
 * pipe's lines on both backends. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_printk(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *end = (void *)(long)ctx->data_end;
  bpf_printk("bpf4j-xdp len %d", (int)(end - data));
  if (data + 1 <= end)
    bpf_printk("bpf4j-xdp first 0x%x", *(__u8 *)data);
  return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
