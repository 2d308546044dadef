package io.bpf4j.kernel.link;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.bpf4j.kernel.Bpf;
import io.bpf4j.kernel.KernelProgram;
import io.bpf4j.kernel.Link;
import io.bpf4j.kernel.sys.Sys;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A socket filter: a {@code BPF_PROG_TYPE_SOCKET_FILTER} program on one socket
 * ({@code setsockopt(SO_ATTACH_BPF)}); it returns how many bytes of each packet to keep, 0
 * to drop it. Closing the link detaches ({@code SO_DETACH_BPF}); the socket stays the
 * caller's.
 */
public final class SocketFilter {
  private SocketFilter() {}

  static final int SOL_SOCKET = 1;
  static final int SO_ATTACH_BPF = 50;
  static final int SO_DETACH_BPF = 27;

  /** Attaches {@code prog} to the socket with descriptor {@code socketFd}. */
  public static Link attach(KernelProgram prog, int socketFd) {
    return attach(Bpf.system(), prog, socketFd);
  }

  /** Same, through {@code bpf}. */
  public static Link attach(Bpf bpf, KernelProgram prog, int socketFd) {
    Sys sys = bpf.sys();
    setInt(sys, socketFd, SO_ATTACH_BPF, prog.fd(), "setsockopt(SO_ATTACH_BPF)");
    return new Link() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          setInt(sys, socketFd, SO_DETACH_BPF, 0, "setsockopt(SO_DETACH_BPF)");
        }
      }

      @Override
      public String describe() {
        return "socket filter on socket fd " + socketFd;
      }
    };
  }

  private static void setInt(Sys sys, int fd, int option, int value, String what) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(JAVA_INT);
      v.set(JAVA_INT, 0, value);
      Sys.check(sys.setsockopt(fd, SOL_SOCKET, option, v), what);
    }
  }
}
