package io.bpf4j.isa;

/**
 * A program text the {@link Assembler} (or a program the {@link Asm} builder) cannot turn into
 * instructions; names the 1-based line (0 when there is no line, as in the builder) and the
 * problem.
 */
public final class AsmException extends Exception {
  private final int line;
  private final String reason;

  /** A problem at the given 1-based line (0: no line). */
  public AsmException(int line, String reason) {
    super(line > 0 ? "line " + line + ": " + reason : reason);
    this.line = line;
    this.reason = reason;
  }

  /** The 1-based line of the problem, or 0 when it has no line. */
  public int line() {
    return line;
  }

  /** The problem, without the position. */
  public String reason() {
    return reason;
  }
}
