package io.bpf4j.btf;

/**
 * A BTF-typed program whose attach target is not in the kernel's BTF; the message names the
 * program, its section and what was looked for.
 */
public final class AttachTargetException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An unresolvable target described by {@code message}. */
  public AttachTargetException(String message) {
    super(message);
  }
}
