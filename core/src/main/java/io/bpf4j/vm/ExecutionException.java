package io.bpf4j.vm;

/**
 * A program run that failed: an out-of-bounds access in the checked interpreter, a call depth
 * over 8, the instruction budget used up, an unknown helper. Names the instruction (slot
 * index) and what went wrong.
 */
public final class ExecutionException extends RuntimeException {
  private final int pc;

  /** A failure at slot {@code pc} (or -1 when no instruction is to blame). */
  public ExecutionException(int pc, String message) {
    super(pc >= 0 ? "instruction " + pc + ": " + message : message);
    this.pc = pc;
  }

  /** The slot index of the failing instruction, or -1. */
  public int pc() {
    return pc;
  }
}
