/* bpf_jiffies64, bpf_get_numa_node_id, bpf_get_current_cgroup_id and the current task's
 * bpf_get_cgroup_classid (the form without an skb) from a raw tracepoint,
 * whose test run runs in the calling thread: HostInfoAgreementTest runs it in the kernel and
 * on the JVM backend and compares (jiffies between two kernel runs, the same cgroup). */
#include "common.h"

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u64);
} out SEC(".maps");

static void put(__u32 k, __u64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

SEC("raw_tp/sys_enter")
int host_info(void *ctx) {
  put(0, bpf_jiffies64());
  put(1, bpf_get_numa_node_id());
  put(2, bpf_get_current_cgroup_id());
  put(3, bpf_get_cgroup_classid((void *)0));
  return 0;
}

LICENSE_GPL;
