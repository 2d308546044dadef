/* Maps and the drain call shared by the dynptr programs that both verifiers must refuse
 * (DynptrAgreementTest in the kernel module, JvmDynptrVerifierTest in core). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_USER_RINGBUF);
  __uint(max_entries, 4096);
} urb SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u64);
} arr SEC(".maps");

char LICENSE[] SEC("license") = "GPL";
