package io.bpf4j.jvm;

/** An object or program the JVM backend cannot instantiate; the message names it and why. */
public final class JvmLoadException extends Exception {
  /** An error with the given message. */
  public JvmLoadException(String message) {
    super(message);
  }
}
