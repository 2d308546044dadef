/* bpf_snprintf with the format "%pI5" and 1 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_ip_5(struct xdp_md *ctx) {
  static const char f[] = "%pI5";
  __u64 a[1] = {1};
  return bpf_snprintf(out, sizeof(out), f, a, 1 * 8);
}
