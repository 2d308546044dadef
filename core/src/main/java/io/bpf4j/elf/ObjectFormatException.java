package io.bpf4j.elf;

/**
 * An object file that bpf4j cannot read: malformed ELF, BTF or relocations, or a reference
 * that cannot be resolved. The message names the file and the place (section, offset,
 * program, instruction).
 */
public final class ObjectFormatException extends Exception {
  private final String file;

  /** An error in {@code file} (a name for messages) described by {@code message}. */
  public ObjectFormatException(String file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  /** The file name the error is about. */
  public String file() {
    return file;
  }
}
