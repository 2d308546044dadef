/* An old-style object: legacy "maps" section of struct bpf_map_def and section names
 * libbpf 1.x does not know (socket1, xdp_prog, test), and a version section. */
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
struct bpf_map_def { unsigned int type, key_size, value_size, max_entries, map_flags; };
struct bpf_map_def SEC("maps") counts = { BPF_MAP_TYPE_ARRAY, 4, 8, 16, 0 };
struct bpf_map_def SEC("maps") table = { BPF_MAP_TYPE_HASH, 8, 4, 128, 1 };
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
SEC("socket1") int old_socket(struct __sk_buff *skb) { int k = 0; long *v = bpf_map_lookup_elem(&counts, &k); if (v) (*v)++; return 0; }
SEC("xdp_prog") int old_xdp(struct xdp_md *ctx) { long k = 1; return bpf_map_lookup_elem(&table, &k) ? 1 : 2; }
SEC("test") int old_test(void *ctx) { return 0; }
char _license[] SEC("license") = "GPL";
unsigned int _version SEC("version") = 0x050400;
