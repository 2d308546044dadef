package io.bpf4j.maps;

import java.lang.foreign.MemorySegment;

/**
 * Maps a Java type to the bytes of a map key or value (little-endian, C layout). See
 * {@link Codecs} for primitives, byte arrays and records.
 *
 * @param <T> the Java type
 */
public interface Codec<T> {
  /** The encoded size in bytes. */
  int size();

  /** Writes {@code value} into {@code dst} (exactly {@link #size()} bytes). */
  void encode(T value, MemorySegment dst);

  /** Reads a value from {@code src} (exactly {@link #size()} bytes). */
  T decode(MemorySegment src);
}
