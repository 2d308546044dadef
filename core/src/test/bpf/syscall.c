/* A syscall program (sleepable, run with BPF_PROG_TEST_RUN) and an XDP program. */
#include "common.h"
struct args { int a, b; };
SEC("syscall") int sum(struct args *ctx) { return ctx->a + ctx->b; }
SEC("xdp") int loaded(struct xdp_md *ctx) { return XDP_PASS; }
LICENSE_GPL;
