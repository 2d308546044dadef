/* The same bpf() map operations from C, to compare with KernelMapBench: gcc -O2 kernel_map_bench.c && sudo ./a.out */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
static long bpf(int cmd, union bpf_attr *a) { return syscall(__NR_bpf, cmd, a, sizeof(*a)); }
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
int main(int argc, char **argv) {
  for (int type = BPF_MAP_TYPE_HASH; type <= BPF_MAP_TYPE_ARRAY; type++) {
    union bpf_attr a; memset(&a, 0, sizeof a);
    a.map_type = type; a.key_size = 4; a.value_size = 8; a.max_entries = 1024;
    int fd = bpf(BPF_MAP_CREATE, &a);
    unsigned key; unsigned long long val = 1;
    for (key = 0; key < 1024; key++) { memset(&a, 0, sizeof a); a.map_fd = fd; a.key = (long)&key; a.value = (long)&val; bpf(BPF_MAP_UPDATE_ELEM, &a); }
    for (int op = 0; op < 3; op++) {
      int n = 2000000; double t0 = now();
      for (int i = 0; i < n; i++) {
        key = i & 1023;
        if (op == 2) { syscall(SYS_getpid); continue; }
        memset(&a, 0, 32); a.map_fd = fd; a.key = (long)&key; a.value = (long)&val;
        bpf(op == 0 ? BPF_MAP_LOOKUP_ELEM : BPF_MAP_UPDATE_ELEM, &a);
      }
      printf("%s %s: %.0f ns/op\n", type == 1 ? "hash" : "array", op == 0 ? "lookup" : op == 1 ? "update" : "getpid", (now() - t0) / n);
    }
    close(fd);
  }
}
