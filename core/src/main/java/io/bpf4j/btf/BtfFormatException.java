package io.bpf4j.btf;

/** BTF or BTF.ext data that is malformed; the message names the place (type id, offset). */
public final class BtfFormatException extends Exception {
  /** A malformed-BTF error with the given message. */
  public BtfFormatException(String message) {
    super(message);
  }
}
