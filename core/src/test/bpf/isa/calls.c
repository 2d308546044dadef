// Fixture for the disassembler test: maps (lddw with relocations), helper calls, bpf-to-bpf
// calls, loops with backward jumps, atomics, stack stores of every size.
// Rebuilt by scripts/build-fixtures.
typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

struct {
  int (*type)[2];
  int (*max_entries)[16];
  u32 *key;
  u64 *value;
} counts __attribute__((section(".maps"), used));

static void *(*map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*ktime_get_ns)(void) = (void *)5;

static __attribute__((noinline)) u64 mix(u64 x, u64 y) {
  for (int i = 0; i < 8; i++)
    x = (x << 3) ^ (x >> 5) ^ y;
  return x;
}

static __attribute__((noinline)) int sum(const u8 *p, int n) {
  int s = 0;
  for (int i = 0; i < n && i < 64; i++)
    s += p[i];
  return s;
}

__attribute__((section("xdp"), used)) int prog(u32 *ctx) {
  u32 key = ctx[1] & 15;
  u8 buf[16];
  u16 half = (u16)ctx[2];
  volatile u64 wide = ctx[3];
  *(volatile u16 *)&buf[2] = half;
  *(volatile u8 *)&buf[0] = (u8)key;
  *(volatile u32 *)&buf[4] = ctx[0];
  *(volatile u64 *)&buf[8] = wide;
  u64 *v = map_lookup_elem(&counts, &key);
  if (!v)
    return 0;
  __sync_fetch_and_add(v, 1);
  u64 old = __sync_fetch_and_or(v, 2);
  old += __sync_fetch_and_and(v, ~4ULL);
  old += __sync_fetch_and_xor(v, 8);
  old += __sync_lock_test_and_set(v, old);
  old += __sync_val_compare_and_swap(v, old, 3);
  u32 *w = (u32 *)v;
  __sync_fetch_and_add(w, 1);
  old += __sync_fetch_and_add(w + 1, 5);
  old += mix(old, ktime_get_ns());
  return (int)old + sum(buf, ctx[4]);
}

char _license[] __attribute__((section("license"), used)) = "GPL";
