package io.bpf4j.btf;

/**
 * A CO-RE relocation that cannot be resolved against the target BTF; the message names the
 * program, the instruction and the relocation (kind, type, access path).
 */
public final class CoreException extends Exception {
  /** An unresolvable relocation described by {@code message}. */
  public CoreException(String message) {
    super(message);
  }
}
