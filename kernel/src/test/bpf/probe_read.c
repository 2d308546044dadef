/* Probe reads of memory the program may name: its stack, its global data, the packet, and an
 * address that faults. bpf_probe_read_kernel and _str copy from them (a fault gives -EFAULT and
 * a zeroed destination), and bpf_snprintf's %s and %pI4 read through them (a fault prints an
 * empty string and 0.0.0.0, as the kernel's bpf_bprintf_prepare does; bpf_probe_read_kernel
 * refuses a user address with -ERANGE). probe_read writes its
 * results to 'out' and its text to 'text'; ProbeReadDifferentialTest compares both and r0 with
 * the kernel. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 10);
  __type(key, __u32);
  __type(value, __u64);
} out SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, char[96]);
} text SEC(".maps");

const volatile char ro[8] = "rodata";
char rw[8] = "rwdata";

static void put(__u32 k, __u64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

SEC("xdp")
int probe_read(struct xdp_md *ctx) {
  char st[16] = "abcdefghij";
  __u64 d = 0;
  char s8[8];
  put(0, bpf_probe_read_kernel(&d, 8, st));
  put(1, d);
  put(2, bpf_probe_read_kernel_str(s8, sizeof(s8), st) * 1000 + bpf_probe_read_kernel_str(s8, 4, st));
  __builtin_memcpy(&d, s8, 8);
  put(3, d);
  put(4, bpf_probe_read_kernel(&d, 8, (void *)16) * 1000 + (d == 0));
  __u64 ro8 = 0;
  put(5, bpf_probe_read_kernel(&ro8, 8, (void *)ro) * 1000 + bpf_probe_read_kernel(&d, 8, rw));
  put(6, ro8 + d);
  void *data = (void *)(long)ctx->data;
  put(7, bpf_probe_read_kernel(&d, 8, data) * 1000 + (d & 0xff));
  /* a fault: _kernel refuses a user address (-ERANGE), _user and a kernel address fault */
  put(8, bpf_probe_read_user(&d, 8, (void *)16));
  put(9, bpf_probe_read_kernel(&d, 8, (void *)0xffff800000000000UL));

  __u32 k = 0;
  char *t = bpf_map_lookup_elem(&text, &k);
  if (!t)
    return 1;
  static const char fmt[] = "[%s][%s][%s][%s][%pI4][%pI4]";
  __u8 ip[4] = {10, 0, 0, 7};
  __u64 args[6] = {(__u64)(long)st, 16, (__u64)(long)ro, (__u64)(long)rw, (__u64)(long)ip, 16};
  return bpf_snprintf(t, 96, fmt, args, sizeof(args));
}
