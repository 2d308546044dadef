package io.bpf4j.kernel.sys;

/** The names of Linux error numbers ({@code errno.h}), so errors never show a bare number. */
public final class Errno {
  private Errno() {}

  /** {@code EPERM}: operation not permitted. */
  public static final int EPERM = 1;
  /** {@code ENOENT}: no such file, element or object. */
  public static final int ENOENT = 2;
  /** {@code EINTR}: interrupted system call. */
  public static final int EINTR = 4;
  /** {@code E2BIG}: argument list (or map, or attr) too long. */
  public static final int E2BIG = 7;
  /** {@code EBADF}: bad file descriptor. */
  public static final int EBADF = 9;
  /** {@code EAGAIN}: try again. */
  public static final int EAGAIN = 11;
  /** {@code ENOMEM}: out of memory. */
  public static final int ENOMEM = 12;
  /** {@code EACCES}: permission denied (the verifier's "unsafe program"). */
  public static final int EACCES = 13;
  /** {@code EFAULT}: bad address. */
  public static final int EFAULT = 14;
  /** {@code EBUSY}: device or resource busy. */
  public static final int EBUSY = 16;
  /** {@code EEXIST}: element or file exists. */
  public static final int EEXIST = 17;
  /** {@code EINVAL}: invalid argument. */
  public static final int EINVAL = 22;
  /** {@code ENOSPC}: no space left (the verifier log buffer is too small). */
  public static final int ENOSPC = 28;
  /** {@code ENOSYS}: function not implemented. */
  public static final int ENOSYS = 38;
  /** {@code EOPNOTSUPP}: operation not supported. */
  public static final int EOPNOTSUPP = 95;
  /** {@code ENOTSUPP}: the kernel-internal "not supported" (524) some bpf commands leak. */
  public static final int ENOTSUPP = 524;

  private static final String[] NAMES = new String[134];

  static {
    String all =
        "EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN ENOMEM EACCES EFAULT"
            + " ENOTBLK EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY ETXTBSY"
            + " EFBIG ENOSPC ESPIPE EROFS EMLINK EPIPE EDOM ERANGE EDEADLK ENAMETOOLONG ENOLCK ENOSYS"
            + " ENOTEMPTY ELOOP - ENOMSG EIDRM ECHRNG EL2NSYNC EL3HLT EL3RST ELNRNG EUNATCH ENOCSI"
            + " EL2HLT EBADE EBADR EXFULL ENOANO EBADRQC EBADSLT - EBFONT ENOSTR ENODATA ETIME ENOSR"
            + " ENONET ENOPKG EREMOTE ENOLINK EADV ESRMNT ECOMM EPROTO EMULTIHOP EDOTDOT EBADMSG"
            + " EOVERFLOW ENOTUNIQ EBADFD EREMCHG ELIBACC ELIBBAD ELIBSCN ELIBMAX ELIBEXEC EILSEQ"
            + " ERESTART ESTRPIPE EUSERS ENOTSOCK EDESTADDRREQ EMSGSIZE EPROTOTYPE ENOPROTOOPT"
            + " EPROTONOSUPPORT ESOCKTNOSUPPORT EOPNOTSUPP EPFNOSUPPORT EAFNOSUPPORT EADDRINUSE"
            + " EADDRNOTAVAIL ENETDOWN ENETUNREACH ENETRESET ECONNABORTED ECONNRESET ENOBUFS EISCONN"
            + " ENOTCONN ESHUTDOWN ETOOMANYREFS ETIMEDOUT ECONNREFUSED EHOSTDOWN EHOSTUNREACH EALREADY"
            + " EINPROGRESS ESTALE EUCLEAN ENOTNAM ENAVAIL EISNAM EREMOTEIO EDQUOT ENOMEDIUM"
            + " EMEDIUMTYPE ECANCELED ENOKEY EKEYEXPIRED EKEYREVOKED EKEYREJECTED EOWNERDEAD"
            + " ENOTRECOVERABLE ERFKILL EHWPOISON";
    String[] words = all.split(" ");
    for (int i = 0; i < words.length && i + 1 < NAMES.length; i++) {
      NAMES[i + 1] = words[i].equals("-") ? null : words[i];
    }
  }

  /** The symbolic name of {@code errno}, e.g. {@code "EPERM"}; {@code "errno N"} if unknown. */
  public static String name(int errno) {
    if (errno > 0 && errno < NAMES.length && NAMES[errno] != null) {
      return NAMES[errno];
    }
    return switch (errno) {
      case 512 -> "ERESTARTSYS";
      case 524 -> "ENOTSUPP";
      default -> "errno " + errno;
    };
  }
}
