package io.bpf4j.maps;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A per-thread native buffer that the Java API copies heap segments through, so that every
 * map operation works on native addresses. Grows on demand and is reused.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> TL = ThreadLocal.withInitial(Scratch::new);

  private MemorySegment seg = Arena.ofAuto().allocate(256, 16);

  private Scratch() {}

  /** At least {@code size} bytes of the calling thread's scratch memory. */
  static MemorySegment get(long size) {
    Scratch s = TL.get();
    if (s.seg.byteSize() < size) {
      s.seg = Arena.ofAuto().allocate(Math.max(size, s.seg.byteSize() * 2), 16);
    }
    return s.seg;
  }
}
