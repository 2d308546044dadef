/* Shared by the programs with BTF-typed pointers (bpf_get_current_task_btf, bpf_find_vma)
 * that both verifiers must refuse (FindVmaAgreementTest in the kernel module, JvmFindVmaTest
 * in core). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct vm_area_struct {
  unsigned long vm_start;
  unsigned long vm_end;
} __attribute__((preserve_access_index));

char LICENSE[] SEC("license") = "GPL";
