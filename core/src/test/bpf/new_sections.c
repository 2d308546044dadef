/* Section names of newer libbpf (tc/ingress, tcx/egress, netfilter, netkit) and an optional
 * program ("?" prefix: not loaded unless asked for). The bpftool on the test machine predates
 * some of them, so the kernel test leaves this object out. */
#include "common.h"
#include <linux/pkt_cls.h>
struct bpf_nf_ctx;
SEC("tc/ingress") int tc_in(struct __sk_buff *skb) { return skb->len > 1000 ? TC_ACT_SHOT : TC_ACT_OK; }
SEC("tcx/egress") int tcx_out(struct __sk_buff *skb) { return TC_ACT_OK; }
SEC("netkit/primary") int nk(struct __sk_buff *skb) { return TC_ACT_OK; }
SEC("netfilter") int nf(struct bpf_nf_ctx *c) { return 1; }
SEC("?xdp") int not_loaded_by_default(struct xdp_md *ctx) { return XDP_ABORTED; }
LICENSE_GPL;
