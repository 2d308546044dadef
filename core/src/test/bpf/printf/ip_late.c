/* bpf_snprintf with IPv4 and IPv6 addresses of the stack, the second IPv4 one after the text
 * has filled the 64-byte buffer: the kernel leaves out what it renders beforehand (%pI4, %pi6)
 * once the buffer is full, so r0 counts only what came before (PrintfFormatAgreementTest).
 * Nothing follows it: the kernel (6.18) then does not step over the skipped text, and the next
 * conversion would read it as its argument, which bpf4j does not copy. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_ip_late(struct xdp_md *ctx) {
  static const char f[] = "%pI4 %pi6 0123456789012345678901234567890123456789 %pI4";
  __u8 v4[4] = {192, 168, 0, 7};
  __u8 v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  __u64 a[3] = {(__u64)(long)v4, (__u64)(long)v6, (__u64)(long)v4};
  return bpf_snprintf(out, sizeof(out), f, a, sizeof(a));
}
