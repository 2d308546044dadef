/* bpf_snprintf with the format "%d %d %d" and 2 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_too_many(struct xdp_md *ctx) {
  static const char f[] = "%d %d %d";
  __u64 a[2] = {1, 2};
  return bpf_snprintf(out, sizeof(out), f, a, 2 * 8);
}
