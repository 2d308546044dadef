package io.bpf4j.maps;

/**
 * A map operation from Java failed the way the kernel's {@code bpf()} command would: it
 * carries the errno ({@link Errno}) and a message naming the map and the operation.
 */
public final class BpfMapException extends RuntimeException {
  private final int errno;

  /** A failure with positive {@code errno}. */
  public BpfMapException(int errno, String message) {
    super(message + " (" + Errno.name(errno) + ")");
    this.errno = errno;
  }

  /** The positive errno, e.g. {@link Errno#ENOENT}. */
  public int errno() {
    return errno;
  }
}
