/* Maps shared by the programs with dynptrs made on the stack that both verifiers must refuse
 * (DynptrAgreementTest in the kernel module, JvmDynptrTest in core). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 4096);
} rb SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_USER_RINGBUF);
  __uint(max_entries, 4096);
} urb SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u64[4]);
} arr SEC(".maps");

char LICENSE[] SEC("license") = "GPL";

static __always_inline void *value(void) {
  __u32 k = 0;
  return bpf_map_lookup_elem(&arr, &k);
}
