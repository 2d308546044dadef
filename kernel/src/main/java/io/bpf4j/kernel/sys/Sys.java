package io.bpf4j.kernel.sys;

import java.lang.foreign.MemorySegment;

/**
 * The system calls the kernel backend makes, behind an interface so that unit tests can
 * replace the kernel with a fake (STYLE.md, "replaceable system layer").
 *
 * <p>Every method returns what the system call returns when it succeeds (a file descriptor,
 * an address, 0) and <b>minus errno</b> when it fails; {@link #check} turns a negative result
 * into a {@link SysException} with errno's name. Pointers are passed as native segments.
 */
public interface Sys {
  /** {@code bpf(cmd, attr, size)}: one command of the bpf() system call. */
  long bpf(int cmd, MemorySegment attr, int size);

  /** {@code perf_event_open(attr, pid, cpu, group_fd, flags)}. */
  long perfEventOpen(MemorySegment attr, int pid, int cpu, int groupFd, long flags);

  /** {@code ioctl(fd, request, arg)} with an integer argument. */
  long ioctl(int fd, long request, long arg);

  /** {@code mmap(NULL, length, prot, flags, fd, offset)}: the address, or minus errno. */
  long mmap(long length, int prot, int flags, int fd, long offset);

  /** {@code munmap(addr, length)}. */
  long munmap(long address, long length);

  /** {@code close(fd)}. */
  long close(int fd);

  /** {@code socket(domain, type, protocol)}. */
  long socket(int domain, int type, int protocol);

  /** {@code setsockopt(fd, level, name, value, value.byteSize())}. */
  long setsockopt(int fd, int level, int name, MemorySegment value);

  /** {@code epoll_create1(EPOLL_CLOEXEC)}. */
  long epollCreate();

  /** {@code epoll_ctl(epfd, op, fd, event)}. */
  long epollCtl(int epfd, int op, int fd, MemorySegment event);

  /** {@code epoll_wait(epfd, events, max, timeout_ms)} (epoll_pwait with no mask on arm64). */
  long epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis);

  /** This machine's system call numbers, for {@link #syscall}. */
  default SyscallNumbers numbers() {
    return SyscallNumbers.forThisMachine();
  }

  /** {@code openat(AT_FDCWD, path, flags, 0)}: for directories (cgroups) and files. */
  default long open(String path, int flags) {
    try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
      return syscall(numbers().openat(), -100 /* AT_FDCWD */, a.allocateFrom(path).address(), flags, 0);
    }
  }

  /** Any other system call, by its number on this architecture and up to six arguments. */
  long syscall(long number, long... args);

  /**
   * Returns {@code result} when it is not negative, otherwise throws a {@link SysException}
   * naming {@code what} and the errno.
   */
  static long check(long result, String what) {
    if (result < 0) {
      throw new SysException(what, (int) -result);
    }
    return result;
  }

  /** The real kernel, through FFM; throws {@link UnsupportedOperationException} off Linux. */
  static Sys system() {
    return NativeSys.INSTANCE;
  }
}
