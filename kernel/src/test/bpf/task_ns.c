/* The credentials and namespaces of bpf_get_current_task_btf()'s task: t->cred's ids and its
 * user namespace, t->nsproxy's namespaces by their inode numbers (what /proc/PID/ns shows) and
 * the UTS namespace's host name, read through BTF-typed pointers as container-aware tools do.
 * A raw tracepoint's test run runs in the calling thread, so the kernel and the JVM backend
 * look at the same process: TaskNsAgreementTest compares 'out'. task_ns_core_read reads the
 * same with BPF_CORE_READ (bpf_probe_read_kernel). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

struct ns_common {
  unsigned int inum;
} __attribute__((preserve_access_index));


struct new_utsname {
  char sysname[65];
  char nodename[65];
  char release[65];
  char version[65];
  char machine[65];
  char domainname[65];
} __attribute__((preserve_access_index));

struct uts_namespace {
  struct new_utsname name;
  struct ns_common ns;
} __attribute__((preserve_access_index));

struct pid_namespace { struct ns_common ns; } __attribute__((preserve_access_index));
struct mnt_namespace { struct ns_common ns; } __attribute__((preserve_access_index));
struct net { struct ns_common ns; } __attribute__((preserve_access_index));
struct ipc_namespace { struct ns_common ns; } __attribute__((preserve_access_index));
struct cgroup_namespace { struct ns_common ns; } __attribute__((preserve_access_index));
struct time_namespace { struct ns_common ns; } __attribute__((preserve_access_index));
struct user_namespace { struct ns_common ns; } __attribute__((preserve_access_index));

struct nsproxy {
  struct uts_namespace *uts_ns;
  struct ipc_namespace *ipc_ns;
  struct mnt_namespace *mnt_ns;
  struct pid_namespace *pid_ns_for_children;
  struct net *net_ns;
  struct time_namespace *time_ns;
  struct cgroup_namespace *cgroup_ns;
} __attribute__((preserve_access_index));

typedef struct { unsigned int val; } kuid_t;
typedef struct { unsigned int val; } kgid_t;

struct cred {
  kuid_t uid;
  kgid_t gid;
  kuid_t euid;
  kgid_t egid;
  kuid_t fsuid;
  struct user_namespace *user_ns;
} __attribute__((preserve_access_index));

struct task_struct {
  const struct cred *cred;
  const struct cred *real_cred;
  struct nsproxy *nsproxy;
  struct task_struct *group_leader;
} __attribute__((preserve_access_index));

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 16);
  __type(key, __u32);
  __type(value, __u64);
} out SEC(".maps");

static void put(__u32 k, __u64 v) {
  bpf_map_update_elem(&out, &k, &v, BPF_ANY);
}

SEC("raw_tp/sys_enter")
int task_ns(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  const struct cred *c = t->cred;
  struct nsproxy *ns = t->nsproxy;
  __u64 host;
  __builtin_memcpy(&host, ns->uts_ns->name.nodename, 8);
  put(0, ((__u64)c->euid.val << 32) | c->uid.val);
  put(1, ((__u64)c->egid.val << 32) | c->gid.val);
  put(2, c->fsuid.val);
  put(3, c->user_ns->ns.inum);
  put(4, ns->uts_ns->ns.inum);
  put(5, ns->ipc_ns->ns.inum);
  put(6, ns->mnt_ns->ns.inum);
  put(7, ns->pid_ns_for_children->ns.inum);
  put(8, ns->net_ns->ns.inum);
  put(9, ns->time_ns->ns.inum);
  put(10, ns->cgroup_ns->ns.inum);
  put(11, host);
  put(12, t->real_cred == c);
  put(13, t->group_leader->nsproxy == ns);
  return ns->mnt_ns->ns.inum != 0;
}

SEC("raw_tp/sys_enter")
int task_ns_core_read(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  put(3, BPF_CORE_READ(t, cred, user_ns, ns.inum));
  put(6, BPF_CORE_READ(t, nsproxy, mnt_ns, ns.inum));
  put(7, BPF_CORE_READ(t, nsproxy, pid_ns_for_children, ns.inum));
  put(8, BPF_CORE_READ(t, nsproxy, net_ns, ns.inum));
  return BPF_CORE_READ(t, cred, uid.val) == 0;
}
