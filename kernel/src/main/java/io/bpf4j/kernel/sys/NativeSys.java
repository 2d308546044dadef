package io.bpf4j.kernel.sys;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The real system calls: libc's {@code syscall(long number, ...)} called through FFM as a
 * variadic function, with errno captured right after the call. No JNI.
 */
final class NativeSys implements Sys {
  static final NativeSys INSTANCE = new NativeSys();

  private static final StructLayout STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  private final SyscallNumbers nr;
  private final MethodHandle syscall;
  private final ThreadLocal<MemorySegment> state =
      ThreadLocal.withInitial(() -> Arena.global().allocate(STATE));

  private NativeSys() {
    this.nr = SyscallNumbers.forThisMachine();
    Linker linker = Linker.nativeLinker();
    MemorySegment address = linker.defaultLookup().find("syscall").orElse(null);
    this.syscall =
        address == null
            ? null
            : linker.downcallHandle(
                address,
                FunctionDescriptor.of(
                    JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                    JAVA_LONG),
                Linker.Option.firstVariadicArg(1),
                Linker.Option.captureCallState("errno"));
  }

  private long call(long number, long a, long b, long c, long d, long e, long f) {
    if (syscall == null || number < 0) {
      throw new UnsupportedOperationException(
          "system calls are available on Linux x86_64 and aarch64 only (this is "
              + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
    }
    MemorySegment st = state.get();
    long r;
    try {
      r = (long) syscall.invokeExact(st, number, a, b, c, d, e, f);
    } catch (Throwable t) {
      throw new IllegalStateException("syscall " + number + " through FFM failed", t);
    }
    if (r == -1) {
      return -(int) ERRNO.get(st, 0L);
    }
    return r;
  }

  @Override
  public long bpf(int cmd, MemorySegment attr, int size) {
    return call(nr.bpf(), cmd, attr.address(), size, 0, 0, 0);
  }

  @Override
  public long perfEventOpen(MemorySegment attr, int pid, int cpu, int groupFd, long flags) {
    return call(nr.perfEventOpen(), attr.address(), pid, cpu, groupFd, flags, 0);
  }

  @Override
  public long ioctl(int fd, long request, long arg) {
    return call(nr.ioctl(), fd, request, arg, 0, 0, 0);
  }

  @Override
  public long mmap(long length, int prot, int flags, int fd, long offset) {
    return call(nr.mmap(), 0, length, prot, flags, fd, offset);
  }

  @Override
  public long munmap(long address, long length) {
    return call(nr.munmap(), address, length, 0, 0, 0, 0);
  }

  @Override
  public long close(int fd) {
    return call(nr.close(), fd, 0, 0, 0, 0, 0);
  }

  @Override
  public long socket(int domain, int type, int protocol) {
    return call(nr.socket(), domain, type, protocol, 0, 0, 0);
  }

  @Override
  public long setsockopt(int fd, int level, int name, MemorySegment value) {
    return call(nr.setsockopt(), fd, level, name, value.address(), value.byteSize(), 0);
  }

  @Override
  public long epollCreate() {
    return call(nr.epollCreate1(), 0x80000 /* EPOLL_CLOEXEC */, 0, 0, 0, 0, 0);
  }

  @Override
  public long epollCtl(int epfd, int op, int fd, MemorySegment event) {
    return call(nr.epollCtl(), epfd, op, fd, event.address(), 0, 0);
  }

  @Override
  public long epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
    return call(
        nr.epollPwait(), epfd, events.address(), maxEvents, timeoutMillis, 0, 8 /* sigsetsize */);
  }

  @Override
  public long syscall(long number, long... args) {
    if (args.length > 6) {
      throw new IllegalArgumentException("a system call takes at most 6 arguments");
    }
    long[] a = java.util.Arrays.copyOf(args, 6);
    return call(number, a[0], a[1], a[2], a[3], a[4], a[5]);
  }
}
