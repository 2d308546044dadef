/* bpf_snprintf with the format "%p %pK %px %ps %pB" and 5 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_pointers(struct xdp_md *ctx) {
  static const char f[] = "%p %pK %px %ps %pB";
  __u64 a[5] = {1, 2, 3, 4, 5};
  return bpf_snprintf(out, sizeof(out), f, a, 5 * 8);
}
