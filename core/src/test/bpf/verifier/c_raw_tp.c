#include "corpus.h"

SEC("raw_tracepoint/sys_enter") int c_raw_tp(struct bpf_raw_tracepoint_args *ctx)
{
  __u32 k = ctx->args[1] & 3;
  struct val *v = bpf_map_lookup_elem(&hmap, &k);
  if (v) v->b += 1;
  return 0;
}
