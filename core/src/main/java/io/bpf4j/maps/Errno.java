package io.bpf4j.maps;

/**
 * The errno values that map operations and helpers return (negated, as the kernel's helpers
 * do) or carry in a {@link BpfMapException}. Numbers are Linux's ({@code asm-generic/errno*.h}).
 */
public final class Errno {
  private Errno() {}

  /** {@code EPERM}: operation not permitted. */
  public static final int EPERM = 1;
  /** {@code ENOENT}: no such element. */
  public static final int ENOENT = 2;
  /** {@code E2BIG}: the map is full, or an argument is too big. */
  public static final int E2BIG = 7;
  /** {@code EBADF}: not an open file descriptor. */
  public static final int EBADF = 9;
  /** {@code EAGAIN}: no room now (ring buffer full). */
  public static final int EAGAIN = 11;
  /** {@code ENOMEM}: out of memory. */
  public static final int ENOMEM = 12;
  /** {@code EFAULT}: bad address. */
  public static final int EFAULT = 14;
  /** {@code EBUSY}: resource busy. */
  public static final int EBUSY = 16;
  /** {@code ENODEV}: no such device (a CPU that does not exist, for a CPUMAP). */
  public static final int ENODEV = 19;
  /** {@code EEXIST}: the element exists (BPF_NOEXIST). */
  public static final int EEXIST = 17;
  /** {@code EINVAL}: invalid argument or flags. */
  public static final int EINVAL = 22;
  /** {@code EDEADLK}: the operation would deadlock (a timer callback cancelling its timer). */
  public static final int EDEADLK = 35;
  /** {@code ENOSPC}: no space (batch buffer too small for a bucket). */
  public static final int ENOSPC = 28;
  /** {@code EOVERFLOW}: value too large (a CPUMAP queue size over 16384). */
  public static final int EOVERFLOW = 75;
  /** {@code EOPNOTSUPP}: operation not supported by this map type. */
  public static final int EOPNOTSUPP = 95;
  /** {@code ENOTSUPP} (kernel-internal 524): operation not supported. */
  public static final int ENOTSUPP = 524;

  /** The symbolic name of {@code errno} (positive or negative), e.g. {@code "ENOENT"}. */
  public static String name(long errno) {
    return switch ((int) Math.abs(errno)) {
      case 0 -> "OK";
      case EPERM -> "EPERM";
      case EBADF -> "EBADF";
      case ENODEV -> "ENODEV";
      case EOVERFLOW -> "EOVERFLOW";
      case ENOENT -> "ENOENT";
      case E2BIG -> "E2BIG";
      case EAGAIN -> "EAGAIN";
      case ENOMEM -> "ENOMEM";
      case EFAULT -> "EFAULT";
      case EBUSY -> "EBUSY";
      case EEXIST -> "EEXIST";
      case EINVAL -> "EINVAL";
      case EDEADLK -> "EDEADLK";
      case ENOSPC -> "ENOSPC";
      case EOPNOTSUPP -> "EOPNOTSUPP";
      case ENOTSUPP -> "ENOTSUPP";
      default -> "errno " + Math.abs(errno);
    };
  }
}
