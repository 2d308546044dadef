/* Types of every BTF kind, reachable from a global so that clang emits them. */
#include "common.h"
#define __tag(x) __attribute__((btf_decl_tag(x)))
#define __user __attribute__((btf_type_tag("user")))
struct opaque;
typedef unsigned long long u64_t;
enum small { SMALL_A = -1, SMALL_B = 7 };
enum huge : unsigned long long { HUGE_A = 1ULL << 40, HUGE_B = 0xffffffffffffffffULL };
union num { int i; float f; double d; };
struct all {
  int bits:3, more:5;
  unsigned flag:1;
  u64_t wide;
  volatile int vol;
  const char *restrict str;
  struct opaque *fwd;
  union num n;
  enum small s;
  enum huge h;
  int matrix[2][3];
  int (*fn)(int, char *);
  int __user *uptr;
  long double ld;
  struct { short x, y; } anon;
  int tagged __tag("field_tag");
} __tag("struct_tag");
struct all all_kinds;
__tag("func_tag") __noinline int tagged_fn(int a __tag("param_tag")) { return a + 1; }
SEC("xdp") int kinds(struct xdp_md *ctx) { return tagged_fn(all_kinds.bits) + all_kinds.h == 3; }
LICENSE_GPL;
