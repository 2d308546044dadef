/* bpf_snprintf with the format "%d" and 13 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_thirteen_args(struct xdp_md *ctx) {
  static const char f[] = "%d";
  __u64 a[13] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
  return bpf_snprintf(out, sizeof(out), f, a, 13 * 8);
}
