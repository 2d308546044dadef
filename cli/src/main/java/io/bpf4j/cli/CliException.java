package io.bpf4j.cli;

/** A failure to report to the user as one line, with the exit code to leave with. */
final class CliException extends Exception {
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Bad usage (unknown option, missing argument): exit code 2. */
  static CliException usage(String message) {
    return new CliException(2, message);
  }

  /** The work failed (bad input file, rejected program): exit code 1. */
  static CliException failure(String message) {
    return new CliException(1, message);
  }

  int exitCode() {
    return exitCode;
  }
}
