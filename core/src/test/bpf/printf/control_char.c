/* bpf_snprintf with the format "a\001b" and 0 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_control_char(struct xdp_md *ctx) {
  static const char f[] = "a\001b";
  __u64 a[1] = {0};
  return bpf_snprintf(out, sizeof(out), f, a, 0 * 8);
}
