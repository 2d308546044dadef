/* XDP section forms: frags, devmap and cpumap programs. */
#include "common.h"
SEC("xdp.frags") int frags(struct xdp_md *ctx) { return XDP_PASS; }
SEC("xdp/devmap") int on_devmap(struct xdp_md *ctx) { return XDP_PASS; }
SEC("xdp/cpumap") int on_cpumap(struct xdp_md *ctx) { return XDP_PASS; }
SEC("xdp.frags/devmap") int frags_devmap(struct xdp_md *ctx) { return XDP_DROP; }
LICENSE_GPL;
