/* Shared by the BTF-typed tracepoint programs (tp_btf/): the kernel's verifier and bpf4j's
 * must give each the same verdict and, for a rejection, the same message
 * (TpBtfAgreementTest in the kernel module, TpBtfVerifierTest in core). The context of a
 * tp_btf program is the tracepoint's arguments as u64s; a pointer to a struct is a trusted
 * BTF-typed pointer. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

typedef _Bool bool;

struct task_struct {
  int pid;
  int tgid;
} __attribute__((preserve_access_index));

struct pt_regs {
  unsigned long di;
  unsigned long orig_ax;
} __attribute__((preserve_access_index));

char LICENSE[] SEC("license") = "GPL";
