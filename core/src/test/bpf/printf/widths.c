/* bpf_snprintf with the format "%5d|%-5d|%05d|%+d|% d" and 5 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_widths(struct xdp_md *ctx) {
  static const char f[] = "%5d|%-5d|%05d|%+d|% d";
  __u64 a[5] = {1, 2, 3, 4, 5};
  return bpf_snprintf(out, sizeof(out), f, a, 5 * 8);
}
