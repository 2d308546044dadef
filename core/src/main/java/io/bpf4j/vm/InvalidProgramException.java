package io.bpf4j.vm;

/**
 * A program an engine refuses to load: an invalid instruction, a jump out of the program, an
 * unknown helper id, an unresolved {@code lddw} pseudo source. Names the instruction (slot
 * index) and the reason.
 */
public final class InvalidProgramException extends Exception {
  private final int pc;
  private final String reason;

  /** The program is rejected because of slot {@code pc} (or -1 for the whole program). */
  public InvalidProgramException(int pc, String reason) {
    super(pc >= 0 ? "instruction " + pc + ": " + reason : reason);
    this.pc = pc;
    this.reason = reason;
  }

  /** The slot index of the instruction to blame, or -1. */
  public int pc() {
    return pc;
  }

  /** Why, without the position. */
  public String reason() {
    return reason;
  }
}
