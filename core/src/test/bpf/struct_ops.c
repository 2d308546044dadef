/* struct_ops programs (their maps come with the struct_ops support; only the programs here). */
#include "common.h"
SEC("struct_ops/init") int ops_init(void *ctx) { return 0; }
SEC("struct_ops.s/release") int ops_release(void *ctx) { return 0; }
LICENSE_GPL;
