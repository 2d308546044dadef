package io.bpf4j.kernel;

/**
 * An object that could not be loaded into the kernel, naming the object and the map or
 * program at fault; nothing it created is left behind. The cause, when the kernel refused,
 * is the {@link BpfException} with errno and verifier log.
 */
public final class ObjectLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ObjectLoadException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The verifier's log when a program was refused, else "". */
  public String log() {
    return getCause() instanceof BpfException b ? b.log() : "";
  }
}
