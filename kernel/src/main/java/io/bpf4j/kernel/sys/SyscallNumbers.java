package io.bpf4j.kernel.sys;

/**
 * System call numbers of the architectures bpf4j runs on ({@code asm/unistd_64.h} for x86_64,
 * the generic table for aarch64). A number of -1 means "not on this machine".
 *
 * @param bpf {@code __NR_bpf}
 * @param perfEventOpen {@code __NR_perf_event_open}
 * @param ioctl {@code __NR_ioctl}
 * @param mmap {@code __NR_mmap}
 * @param munmap {@code __NR_munmap}
 * @param close {@code __NR_close}
 * @param socket {@code __NR_socket}
 * @param setsockopt {@code __NR_setsockopt}
 * @param epollCreate1 {@code __NR_epoll_create1}
 * @param epollCtl {@code __NR_epoll_ctl}
 * @param epollPwait {@code __NR_epoll_pwait}
 * @param getpid {@code __NR_getpid}
 * @param bind {@code __NR_bind}
 * @param sendto {@code __NR_sendto}
 * @param recvfrom {@code __NR_recvfrom}
 * @param getsockname {@code __NR_getsockname}
 * @param openat {@code __NR_openat}
 * @param mount {@code __NR_mount}
 */
public record SyscallNumbers(
    long bpf,
    long perfEventOpen,
    long ioctl,
    long mmap,
    long munmap,
    long close,
    long socket,
    long setsockopt,
    long epollCreate1,
    long epollCtl,
    long epollPwait,
    long getpid,
    long bind,
    long sendto,
    long recvfrom,
    long getsockname,
    long openat,
    long mount) {

  /** x86_64. */
  public static final SyscallNumbers X86_64 =
      new SyscallNumbers(321, 298, 16, 9, 11, 3, 41, 54, 291, 233, 281, 39, 49, 44, 45, 51, 257, 165);

  /** aarch64 (the generic table). */
  public static final SyscallNumbers AARCH64 =
      new SyscallNumbers(280, 241, 29, 222, 215, 57, 198, 208, 20, 21, 22, 172, 200, 206, 207, 204, 56, 40);

  /** None: every call reports that it is unsupported. */
  public static final SyscallNumbers NONE =
      new SyscallNumbers(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);

  /** The table for the running machine. */
  public static SyscallNumbers forThisMachine() {
    if (!System.getProperty("os.name", "").equals("Linux")) {
      return NONE;
    }
    return switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> X86_64;
      case "aarch64", "arm64" -> AARCH64;
      default -> NONE;
    };
  }
}
