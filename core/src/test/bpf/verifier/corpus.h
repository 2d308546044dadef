/* Shared maps and helpers of the verifier corpus: one program per file, each file compiled
 * with clang-16 -O2 -g -target bpf. The maps here are described to bpf4j's verifier by
 * VerifierCorpusTest (same names, same sizes). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define NAKED __attribute__((naked))
#define MAPS [arr] "i"(&arr), [hmap] "i"(&hmap), [rb] "i"(&rb), [jmp] "i"(&jmp), \
  [events] "i"(&events), [locks] "i"(&locks), [stacks] "i"(&stacks)

struct val { __u64 a, b; };
struct lockval { struct bpf_spin_lock lock; int x; };

struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32);
  __type(value, struct val); } arr SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, __u32);
  __type(value, struct val); } hmap SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 4); __type(key, __u32);
  __type(value, __u32); } jmp SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(max_entries, 4); __type(key, int);
  __type(value, int); } events SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32);
  __type(value, struct lockval); } locks SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(max_entries, 16); __type(key, __u32);
  __uint(value_size, 1016); } stacks SEC(".maps");

char _license[] SEC("license") = "GPL";
