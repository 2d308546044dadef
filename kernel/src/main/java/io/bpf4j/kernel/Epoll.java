package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.sys.Sys;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** An epoll instance that waits for any of a set of fds to become readable. */
final class Epoll implements AutoCloseable {
  private final Sys sys;
  private final Fd fd;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment events = arena.allocate(16 * 64, 8);

  Epoll(Sys sys) {
    this.sys = sys;
    this.fd = Fd.adopt(sys, (int) Sys.check(sys.epollCreate(), "epoll_create1"));
  }

  /** Watches {@code watched} for EPOLLIN; {@code tag} comes back in the event. */
  void add(int watched, long tag) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ev = a.allocate(16, 8);
      ev.set(JAVA_INT, 0, 1); // EPOLLIN
      // struct epoll_event is packed on x86_64 (data at 4), naturally aligned elsewhere (8)
      ev.set(JAVA_LONG.withByteAlignment(1), isX86() ? 4 : 8, tag);
      Sys.check(sys.epollCtl(fd.get(), 1 /* EPOLL_CTL_ADD */, watched, ev), "epoll_ctl");
    }
  }

  /** Waits up to {@code millis} (-1: forever); the number of ready fds (0 on timeout or EINTR). */
  int await(int millis) {
    long r = sys.epollWait(fd.get(), events, 64, millis);
    if (r == -4 /* EINTR */) {
      return 0;
    }
    return (int) Sys.check(r, "epoll_wait");
  }

  private static boolean isX86() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("amd64") || arch.equals("x86_64");
  }

  @Override
  public void close() {
    fd.close();
    arena.close();
  }
}
