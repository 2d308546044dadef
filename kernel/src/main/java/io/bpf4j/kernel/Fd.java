package io.bpf4j.kernel;

import io.bpf4j.kernel.sys.Sys;

/**
 * An owned file descriptor: closed exactly once by {@link #close()}. Every kernel object
 * bpf4j opens (map, program, link, BTF, perf event) is held by one of these.
 */
public final class Fd implements AutoCloseable {
  private final Sys sys;
  private volatile int fd;

  private Fd(Sys sys, int fd) {
    this.sys = sys;
    this.fd = fd;
  }

  /** Takes ownership of {@code fd}: closing this closes it. */
  public static Fd adopt(Sys sys, int fd) {
    if (fd < 0) {
      throw new IllegalArgumentException("file descriptor " + fd + " (must be >= 0)");
    }
    return new Fd(sys, fd);
  }

  /** The number; throws {@link IllegalStateException} once closed. */
  public int get() {
    int f = fd;
    if (f < 0) {
      throw new IllegalStateException("file descriptor already closed");
    }
    return f;
  }

  /** True until closed. */
  public boolean isOpen() {
    return fd >= 0;
  }

  /** Closes the descriptor; later calls do nothing. */
  @Override
  public void close() {
    int f;
    synchronized (this) {
      f = fd;
      fd = -1;
    }
    if (f >= 0) {
      sys.close(f);
    }
  }

  @Override
  public String toString() {
    return "fd " + fd;
  }
}
