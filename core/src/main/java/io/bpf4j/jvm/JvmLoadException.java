package io.bpf4j.jvm;

/**
 * An object or program the JVM backend cannot instantiate; the message names it and why. A
 * verifier rejection also has a {@link #detail()}: the instruction, source line, register
 * state and advice, as {@code bpf4j verify} prints them; the message then is the summary
 * line followed by the detail.
 */
public final class JvmLoadException extends Exception {
  private final String summary;
  private final String detail;

  /** An error with the given message. */
  public JvmLoadException(String message) {
    this(message, null);
  }

  /** An error whose first line is {@code summary}, followed by {@code detail} (or null). */
  public JvmLoadException(String summary, String detail) {
    super(detail == null ? summary : summary + "\n" + detail);
    this.summary = summary;
    this.detail = detail;
  }

  /** The error in one line (the message without the detail). */
  public String summary() {
    return summary;
  }

  /** The lines that explain the error further, or null. */
  public String detail() {
    return detail;
  }
}
