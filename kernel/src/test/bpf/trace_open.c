/* "Trace every open()": pid, comm and file name of each openat, sent through a ring buffer. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct event {
  __u32 pid;
  char comm[16];
  char filename[128];
};

struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 1 << 16); } events SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1); } opens SEC(".maps");

/* the record of syscalls/sys_enter_openat (see its tracefs format file) */
struct openat_args {
  __u64 common;
  __s64 syscall_nr;
  __u64 dfd;
  const char *filename;
  __u64 flags;
  __u64 mode;
};

SEC("tracepoint/syscalls/sys_enter_openat")
int trace_openat(struct openat_args *ctx) {
  __u32 k = 0;
  __u64 *n = bpf_map_lookup_elem(&opens, &k);
  if (n) __sync_fetch_and_add(n, 1);
  struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
  if (!e) return 0;
  e->pid = bpf_get_current_pid_tgid() >> 32;
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_probe_read_user_str(e->filename, sizeof(e->filename), ctx->filename);
  bpf_ringbuf_submit(e, 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
