#include "tp_btf.h"

/* accepted: sys_enter(struct pt_regs *regs, long id) */
__u64 calls;
__u64 last_id;

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_ok, struct pt_regs *regs, long id)
{
  __sync_fetch_and_add(&calls, 1);
  last_id = id + regs->orig_ax;
  return 0;
}
