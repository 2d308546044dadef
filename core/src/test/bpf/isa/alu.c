// Fixture for the disassembler test: 32- and 64-bit arithmetic, shifts, byte swaps and
// conditional jumps as clang emits them. Rebuilt by scripts/build-fixtures.
typedef unsigned long long u64;
typedef long long s64;
typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;

__attribute__((section("socket"), used)) u64 alu64(u64 *ctx) {
  u64 a = ctx[0], b = ctx[1];
  s64 s = (s64)ctx[2];
  u64 r = a + b;
  r -= a * 7;
  r *= b;
  r ^= 0xff00;
  r |= a;
  r &= ~b;
  r <<= (b & 63);
  r >>= 3;
  s >>= 5;
  r += (u64)s;
  r += a / b;
  r += a % (b | 1);
  r += a / 10;
  r += a % 17;
  r = -r;
  r += 0x123456789abcdefULL;
  if ((s64)r < -3)
    r = 1;
  if (r > b)
    r += 2;
  return r;
}

__attribute__((section("socket"), used)) u32 alu32(u32 *ctx) {
  u32 a = ctx[0], b = ctx[1];
  s32 s = (s32)ctx[2];
  u32 r = a + b;
  r -= a * 5;
  r ^= b;
  r |= 0x55;
  r &= a;
  r <<= (b & 31);
  r >>= (a & 31);
  s >>= 3;
  r += (u32)s;
  r += a / (b | 1);
  r += a % 13;
  r = -r;
  if (r == 0x7fff || s < 0)
    r = 0;
  if (r <= a)
    r += 1;
  return r;
}

__attribute__((section("socket"), used)) u64 swaps(u64 *ctx) {
  u64 x = ctx[0];
  u32 y = (u32)ctx[1];
  u16 z = (u16)ctx[2];
  return __builtin_bswap64(x) + __builtin_bswap32(y) + __builtin_bswap16(z);
}

char _license[] __attribute__((section("license"), used)) = "GPL";
