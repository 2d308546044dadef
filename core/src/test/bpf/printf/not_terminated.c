/* bpf_snprintf with a format of 3 bytes and no NUL, the whole of .rodata: both verifiers refuse
 * the constant string ("string is not zero-terminated", PrintfFormatAgreementTest). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";
char out[64];

SEC("xdp")
int fmt_not_terminated(struct xdp_md *ctx) {
  static const char f[3] = {'%', 'd', 'x'};
  __u64 a[1] = {1};
  return bpf_snprintf(out, sizeof(out), f, a, 8);
}
