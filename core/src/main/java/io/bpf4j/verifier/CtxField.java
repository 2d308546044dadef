package io.bpf4j.verifier;

/**
 * A readable or writable range of a program type's context: accesses must lie inside one
 * field, be aligned to their size, and have a size the field allows.
 *
 * @param name the field's name in the UAPI struct
 * @param start first byte
 * @param end one past the last byte
 * @param readSizes bit mask of the sizes (1, 2, 4, 8) that may be read; 0 when unreadable
 * @param writeSizes bit mask of the sizes that may be written
 * @param gives the type a full-size read yields ({@link RegType#SCALAR} for plain data)
 * @param narrowAtStart true when a read smaller than the field must start at the field's
 *     first byte (the kernel names such fields by their offset, not by their range)
 */
record CtxField(String name, int start, int end, int readSizes, int writeSizes, RegType gives,
    boolean narrowAtStart) {
  /** A field whose narrow reads may start anywhere in it. */
  CtxField(String name, int start, int end, int readSizes, int writeSizes, RegType gives) {
    this(name, start, end, readSizes, writeSizes, gives, false);
  }

  static final int S1 = 1;
  static final int S2 = 2;
  static final int S4 = 4;
  static final int S8 = 8;
  static final int UP_TO_4 = S1 | S2 | S4;
  static final int ANY = S1 | S2 | S4 | S8;

  boolean covers(int off, int size) {
    return off >= start && off + size <= end;
  }

  /**
   * True when an access of {@code size} bytes at {@code off} (inside this field) is allowed:
   * aligned, of a size the field takes, and a narrow read at the first byte where required.
   */
  boolean admits(long off, int size, boolean write) {
    return off % size == 0 && ((write ? writeSizes : readSizes) & size) != 0
        && (write || !narrowAtStart || off == start);
  }

  /** The same field with narrow reads only at its first byte. */
  CtxField atStart() {
    return new CtxField(name, start, end, readSizes, writeSizes, gives, true);
  }
}
