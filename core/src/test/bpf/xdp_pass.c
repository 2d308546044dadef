/* The smallest XDP program. */
#include "common.h"
SEC("xdp") int xdp_pass(struct xdp_md *ctx) { return XDP_PASS; }
LICENSE_GPL;
