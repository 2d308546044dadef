/* bpf_trace_printk on every openat: 'bpf4j prog attach' streams the trace pipe's lines. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tracepoint/syscalls/sys_enter_openat")
int hello(void *ctx) {
  bpf_printk("bpf4j-hello %d", 42);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
