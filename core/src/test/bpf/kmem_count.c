/* kmem_count: JVM-backend programs on the slab allocator's kmem tracepoints. Counts
 * allocations by bytes_alloc in a hash map, keeps the last allocated and freed pointers,
 * counts frees. The record structs follow /sys/kernel/tracing/events/kmem/{kmem_cache_alloc,
 * kmem_cache_free}/format (Linux 6.18), checked below at compile time and in KmemHooksTest. */
#include "common.h"
#include <stddef.h>

struct kmem_cache_alloc_rec {
  unsigned short common_type;
  unsigned char common_flags;
  unsigned char common_preempt_count;
  int common_pid;
  unsigned long call_site;
  const void *ptr;
  __u32 name; /* __data_loc char[]: (length << 16) | offset */
  unsigned long bytes_req;
  unsigned long bytes_alloc;
  unsigned long gfp_flags;
  int node;
  _Bool accounted;
};

struct kmem_cache_free_rec {
  unsigned short common_type;
  unsigned char common_flags;
  unsigned char common_preempt_count;
  int common_pid;
  unsigned long call_site;
  const void *ptr;
  __u32 name;
};

_Static_assert(offsetof(struct kmem_cache_alloc_rec, call_site) == 8, "call_site");
_Static_assert(offsetof(struct kmem_cache_alloc_rec, ptr) == 16, "ptr");
_Static_assert(offsetof(struct kmem_cache_alloc_rec, name) == 24, "name");
_Static_assert(offsetof(struct kmem_cache_alloc_rec, bytes_req) == 32, "bytes_req");
_Static_assert(offsetof(struct kmem_cache_alloc_rec, bytes_alloc) == 40, "bytes_alloc");
_Static_assert(offsetof(struct kmem_cache_alloc_rec, gfp_flags) == 48, "gfp_flags");
_Static_assert(offsetof(struct kmem_cache_alloc_rec, node) == 56, "node");
_Static_assert(offsetof(struct kmem_cache_alloc_rec, accounted) == 60, "accounted");
_Static_assert(offsetof(struct kmem_cache_free_rec, name) == 24, "free name");

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 64);
  __type(key, __u64);   /* bytes_alloc */
  __type(value, __u64); /* allocations */
} allocs SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 3);
  __type(key, __u32);
  __type(value, __u64);
} last SEC(".maps"); /* 0: last allocated ptr, 1: last freed ptr, 2: frees */

SEC("tracepoint/kmem/kmem_cache_alloc")
int count_alloc(struct kmem_cache_alloc_rec *ctx)
{
  __u64 size = ctx->bytes_alloc;
  __u64 *n = bpf_map_lookup_elem(&allocs, &size);
  if (n) {
    __sync_fetch_and_add(n, 1);
  } else {
    __u64 one = 1;
    bpf_map_update_elem(&allocs, &size, &one, BPF_NOEXIST);
  }
  __u32 k = 0;
  __u64 *p = bpf_map_lookup_elem(&last, &k);
  if (p)
    *p = (unsigned long)ctx->ptr;
  return 0;
}

SEC("tracepoint/kmem/kmem_cache_free")
int count_free(struct kmem_cache_free_rec *ctx)
{
  __u32 k = 1;
  __u64 *p = bpf_map_lookup_elem(&last, &k);
  if (p)
    *p = (unsigned long)ctx->ptr;
  k = 2;
  p = bpf_map_lookup_elem(&last, &k);
  if (p)
    __sync_fetch_and_add(p, 1);
  return 0;
}

LICENSE_GPL;
