/* kprobes, uprobes and their return forms, a sleepable uprobe and a perf event program. */
#include "common.h"
SEC("kprobe/do_unlinkat") int kp(void *ctx) { return 0; }
SEC("kretprobe/do_unlinkat") int krp(void *ctx) { return 0; }
SEC("uprobe//bin/true:main") int up(void *ctx) { return 0; }
SEC("uretprobe//bin/true:main") int urp(void *ctx) { return 0; }
SEC("uprobe.s//bin/true:main") int up_sleepable(void *ctx) { return 0; }
SEC("ksyscall/openat") int ksys(void *ctx) { return 0; }
SEC("perf_event") int on_perf(void *ctx) { return bpf_get_smp_processor_id() == 0; }
LICENSE_GPL;
