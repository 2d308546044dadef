/* BTF-typed tracing: fentry/fexit (refused by this kernel), lsm (sleepable too), iter, tp_btf. */
#include "common.h"
SEC("fentry/do_unlinkat") int fe(void *ctx) { return 0; }
SEC("fexit/do_unlinkat") int fx(void *ctx) { return 0; }
SEC("fentry.s/do_unlinkat") int fe_sleep(void *ctx) { return 0; }
SEC("lsm/file_open") int lsm_open(void *ctx) { return 0; }
SEC("lsm.s/bprm_check_security") int lsm_exec(void *ctx) { return 0; }
SEC("tp_btf/sched_switch") int btf_switch(void *ctx) { return 0; }
SEC("iter/task") int it(void *ctx) { return 0; }
LICENSE_GPL;
