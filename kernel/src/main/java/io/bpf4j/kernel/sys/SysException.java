package io.bpf4j.kernel.sys;

/** A failed system call: what was called and errno, shown by name ("perf_event_open: ENOENT"). */
public class SysException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final int errno;

  /** A failure of {@code call} with {@code errno}. */
  public SysException(String call, int errno) {
    this(call, errno, call + ": " + Errno.name(errno));
  }

  /** A failure with a message of the caller's making. */
  protected SysException(String call, int errno, String message) {
    super(message);
    this.call = call;
    this.errno = errno;
  }

  /** The call that failed, e.g. {@code "bpf(BPF_MAP_CREATE)"}. */
  public String call() {
    return call;
  }

  /** The error number. */
  public int errno() {
    return errno;
  }

  /** The error's name, e.g. {@code "EPERM"}. */
  public String errnoName() {
    return Errno.name(errno);
  }
}
