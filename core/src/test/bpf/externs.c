/* .kconfig externs: libbpf fills them from the kernel's configuration. */
#include "common.h"
extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern unsigned int CONFIG_HZ __kconfig __weak;
extern _Bool CONFIG_BPF_SYSCALL __kconfig;
SEC("raw_tp/sys_enter") int uses_externs(void *ctx) {
  return LINUX_KERNEL_VERSION > 0x060000 && CONFIG_HZ >= 100 && CONFIG_BPF_SYSCALL;
}
LICENSE_GPL;
