/* bpf_find_vma on the current task from a raw tracepoint: the VMA holding args[0] (its
 * start, end, flags and page offset, read through CO-RE), an address no VMA holds, and bad
 * flags. The kernel's test run runs the program in the calling thread, so the kernel and
 * the JVM backend look at the same process: FindVmaAgreementTest compares them. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct vm_area_struct {
  unsigned long vm_start;
  unsigned long vm_end;
  unsigned long vm_flags;
  unsigned long vm_pgoff;
} __attribute__((preserve_access_index));

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __s64);
} out SEC(".maps");

struct seen {
  __u64 calls;
};

static void put(__u32 k, __s64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

static long check(struct task_struct *task, struct vm_area_struct *vma, struct seen *s) {
  put(1, vma->vm_start);
  put(2, vma->vm_end);
  put(3, vma->vm_flags);
  put(4, vma->vm_pgoff);
  s->calls++;
  return 0;
}

SEC("raw_tp/sys_enter")
int find_vma(__u64 *args) {
  struct task_struct *task = bpf_get_current_task_btf();
  struct seen s = {};
  __u64 addr = args[0];
  put(0, bpf_find_vma(task, addr, check, &s, 0));
  put(5, bpf_find_vma(task, 0, check, &s, 0));
  put(6, bpf_find_vma(task, addr, check, &s, 1));
  put(7, s.calls);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
