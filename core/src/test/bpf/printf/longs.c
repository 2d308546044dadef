/* bpf_snprintf with the format "%ld %lld %lu %llu %lx %llX" and 6 u64 argument(s): both verifiers
 * check the format (PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_longs(struct xdp_md *ctx) {
  static const char f[] = "%ld %lld %lu %llu %lx %llX";
  __u64 a[6] = {1, 2, 3, 4, 5, 6};
  return bpf_snprintf(out, sizeof(out), f, a, 6 * 8);
}
