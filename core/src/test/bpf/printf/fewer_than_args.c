/* bpf_snprintf with the format "%d" and 3 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_fewer_than_args(struct xdp_md *ctx) {
  static const char f[] = "%d";
  __u64 a[3] = {1, 2, 3};
  return bpf_snprintf(out, sizeof(out), f, a, 3 * 8);
}
