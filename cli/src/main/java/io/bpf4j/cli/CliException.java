package io.bpf4j.cli;

/** A failure to report to the user as one line, with the exit code to leave with. */
final class CliException extends Exception {
  private final int exitCode;
  private final String detail;

  CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  private CliException(int exitCode, String message, String detail) {
    super(message);
    this.exitCode = exitCode;
    this.detail = detail;
  }

  /**
   * The work failed: the one-line {@code message}, then {@code detail} (or null), lines that
   * explain it further (a verifier rejection's instruction, source, state and advice).
   */
  static CliException failure(String message, String detail) {
    return new CliException(1, message, detail);
  }

  /** The lines printed after the message, or null. */
  String detail() {
    return detail;
  }

  /** Bad usage (unknown option, missing argument): exit code 2. */
  static CliException usage(String message) {
    return new CliException(2, message);
  }

  /** The work failed (bad input file, rejected program): exit code 1. */
  static CliException failure(String message) {
    return new CliException(1, message);
  }

  /**
   * A file that could not be read, as one line: {@code FILE: no such file}, {@code FILE: is a
   * directory}, {@code FILE: permission denied}, else {@code FILE: cannot read: REASON}.
   */
  static CliException unreadable(Object file, java.io.IOException e) {
    String f = String.valueOf(file);
    if (e instanceof java.nio.file.NoSuchFileException) {
      return failure(f + ": no such file");
    }
    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(f))) {
      return failure(f + ": is a directory");
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return failure(f + ": permission denied");
    }
    String why = e instanceof java.nio.file.FileSystemException x && x.getReason() != null
        ? x.getReason() : e.getMessage();
    return failure(f + ": cannot read: " + why);
  }

  /**
   * A file that could not be written, as one line: {@code FILE: cannot write: no folder
   * DIR}, {@code ...: is a directory}, {@code ...: permission denied}, else the reason.
   */
  static CliException unwritable(Object file, java.io.IOException e) {
    String f = String.valueOf(file);
    java.nio.file.Path p = java.nio.file.Path.of(f).toAbsolutePath();
    String why;
    if (java.nio.file.Files.isDirectory(p)) {
      why = "is a directory";
    } else if (p.getParent() != null && !java.nio.file.Files.isDirectory(p.getParent())) {
      why = "no folder " + p.getParent();
    } else if (e instanceof java.nio.file.AccessDeniedException) {
      why = "permission denied";
    } else {
      why = e instanceof java.nio.file.FileSystemException x && x.getReason() != null
          ? x.getReason() : e.getMessage();
    }
    return failure(f + ": cannot write: " + why);
  }

  int exitCode() {
    return exitCode;
  }
}
