package io.bpf4j.hooks;

/** A tracefs {@code format} file that cannot be read; the message names the line. */
public final class TracepointFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An error at {@code source:line}. */
  TracepointFormatException(String source, int line, String message) {
    super(source + ":" + line + ": " + message);
  }
}
