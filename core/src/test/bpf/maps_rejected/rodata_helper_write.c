/* nor may a helper write it for the program */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile char name[16] = "bpf4j";

SEC("raw_tp/sys_enter")
int rodata_helper_write(void *ctx) {
  bpf_get_current_comm((void *)name, sizeof(name));
  return name[0];
}

char LICENSE[] SEC("license") = "GPL";
