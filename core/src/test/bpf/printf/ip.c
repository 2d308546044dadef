/* bpf_snprintf with the format "%pI4 %pi4 %pI6 %pi6" and 4 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_ip(struct xdp_md *ctx) {
  static const char f[] = "%pI4 %pi4 %pI6 %pi6";
  __u64 a[4] = {1, 2, 3, 4};
  return bpf_snprintf(out, sizeof(out), f, a, 4 * 8);
}
