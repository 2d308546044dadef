/* bpf_xdp_adjust_meta: Linux 6.18 here refuses it to XDP programs ("cannot use helper"),
 * kernels in general have it, so only the JVM backend runs this (PacketHelpersDifferentialTest,
 * against the kernel's documented semantics: metadata grows below data, at most 32 bytes,
 * 4-byte multiples). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int xdp_meta(struct xdp_md *ctx) {
  long err = bpf_xdp_adjust_meta(ctx, -8);
  if (err)
    return 1000 - err;
  void *meta = (void *)(long)ctx->data_meta, *data = (void *)(long)ctx->data;
  if (meta + 8 > data)
    return 2;
  *(__u64 *)meta = 0xabcdef;
  int v = *(__u64 *)meta & 0xffff;
  long again = bpf_xdp_adjust_meta(ctx, 8); /* back to none; the packet pointers are stale now */
  return v + (again ? 50000 : 0) + (ctx->data_meta == ctx->data) * 100000;
}
