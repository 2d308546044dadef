#include "corpus.h"

/* Linux 6.18 gives bpf_get_current_cgroup_id to every program type of a privileged loader */
SEC("xdp") int helper_base_get_current_cgroup_id_xdp(struct xdp_md *ctx)
{
  char buf[16] = {};
  long r = (long)bpf_get_current_cgroup_id();
  return r == 7 || buf[0] == 7 ? XDP_PASS : XDP_DROP;
}
