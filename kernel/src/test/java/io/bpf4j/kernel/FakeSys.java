package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.sys.Errno;
import io.bpf4j.kernel.sys.Sys;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A kernel that is not there: bpf() commands answered from memory, every fd it hands out
 * remembered until closed. Programs are refused with a verifier log of the test's choosing.
 */
final class FakeSys implements Sys {
  final Set<Integer> open = new HashSet<>();
  final List<String> calls = new ArrayList<>();
  int nextFd = 100;
  String verifierLog = "";
  int loadErrno;

  private int newFd() {
    int fd = nextFd++;
    open.add(fd);
    return fd;
  }

  @Override
  public long bpf(int cmd, MemorySegment attr, int size) {
    MemorySegment at = attr.reinterpret(size);
    BpfCmd c = BpfCmd.values()[cmd];
    calls.add(c.name());
    switch (c) {
      case MAP_CREATE:
        return at.get(JAVA_INT, 8) == 0 ? -Errno.EINVAL : newFd();
      case OBJ_GET_INFO_BY_FD: {
        int fd = at.get(JAVA_INT, 0);
        if (!open.contains(fd)) {
          return -Errno.EBADF;
        }
        MemorySegment info = MemorySegment.ofAddress(at.get(JAVA_LONG, 8)).reinterpret(at.get(JAVA_INT, 4));
        info.set(JAVA_INT, 0, 1); // a hash map
        info.set(JAVA_INT, 4, fd - 99); // its id
        info.set(JAVA_INT, 8, 4);
        info.set(JAVA_INT, 12, 4);
        info.set(JAVA_INT, 16, 1);
        return 0;
      }
      case PROG_LOAD: {
        int level = at.get(JAVA_INT, 24);
        int logSize = at.get(JAVA_INT, 28);
        calls.add("log_level=" + level + " log_size=" + logSize);
        if (loadErrno == 0) {
          return newFd();
        }
        if (level == 0) {
          return -loadErrno;
        }
        byte[] log = verifierLog.getBytes(StandardCharsets.UTF_8);
        MemorySegment buf = MemorySegment.ofAddress(at.get(JAVA_LONG, 32)).reinterpret(logSize);
        int n = Math.min(log.length, logSize - 1);
        MemorySegment.copy(log, 0, buf, JAVA_BYTE, 0, n);
        buf.set(JAVA_BYTE, n, (byte) 0);
        return log.length + 1 > logSize ? -Errno.ENOSPC : -loadErrno;
      }
      default:
        return -Errno.EINVAL;
    }
  }

  @Override
  public long close(int fd) {
    calls.add("close " + fd);
    return open.remove(fd) ? 0 : -Errno.EBADF;
  }

  @Override
  public long perfEventOpen(MemorySegment attr, int pid, int cpu, int groupFd, long flags) {
    return newFd();
  }

  @Override
  public long ioctl(int fd, long request, long arg) {
    return open.contains(fd) ? 0 : -Errno.EBADF;
  }

  @Override
  public long mmap(long length, int prot, int flags, int fd, long offset) {
    return -Errno.ENOMEM;
  }

  @Override
  public long munmap(long address, long length) {
    return 0;
  }

  @Override
  public long socket(int domain, int type, int protocol) {
    return newFd();
  }

  @Override
  public long setsockopt(int fd, int level, int name, MemorySegment value) {
    return 0;
  }

  @Override
  public long epollCreate() {
    return newFd();
  }

  @Override
  public long epollCtl(int epfd, int op, int fd, MemorySegment event) {
    return 0;
  }

  @Override
  public long epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
    return 0;
  }

  @Override
  public long syscall(long number, long... args) {
    return -Errno.ENOSYS;
  }
}
