package io.bpf4j.isa;

/** An encoding that is not a valid eBPF instruction; names the slot and the reason. */
public final class InvalidInsnException extends Exception {
  private final int slot;
  private final String reason;

  /** An invalid instruction at {@code slot} (0-based) for the given reason. */
  public InvalidInsnException(int slot, String reason) {
    super("instruction " + slot + ": " + reason);
    this.slot = slot;
    this.reason = reason;
  }

  /** The 0-based slot index of the bad instruction. */
  public int slot() {
    return slot;
  }

  /** Why it is invalid, without the position. */
  public String reason() {
    return reason;
  }
}
