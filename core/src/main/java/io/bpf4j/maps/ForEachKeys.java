package io.bpf4j.maps;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread native slots for the keys that {@code bpf_for_each_map_elem} hands to a callback
 * when the map stores none (array indexes), one slot per nesting level.
 */
final class ForEachKeys {
  private ForEachKeys() {}

  private static final int SLOT = 64;
  private static final int DEPTH = 8;

  private static final class Slots {
    final MemorySegment seg = Arena.ofAuto().allocate(SLOT * DEPTH, 8);
    int depth;
  }

  private static final ThreadLocal<Slots> TL = ThreadLocal.withInitial(Slots::new);

  static long push() {
    Slots s = TL.get();
    if (s.depth >= DEPTH) {
      throw new IllegalStateException("bpf_for_each_map_elem nested more than " + DEPTH + " deep");
    }
    return s.seg.address() + (long) SLOT * s.depth++;
  }

  static void pop() {
    TL.get().depth--;
  }
}
