package io.bpf4j.maps;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A hash map's writer locks: {@code n} (a power of two) spin locks, one 64-byte line each so
 * that stripes do not share a cache line, as the kernel's per-bucket raw spin locks. Taking
 * one is a compare-and-set and releasing it a release store (a {@code synchronized} block
 * costs two compare-and-sets). Critical sections are a few dozen nanoseconds; a waiter spins
 * briefly, then yields its CPU, since the holder may be descheduled on a busy machine.
 * Not reentrant.
 */
final class StripeLocks {
  private static final int PAD = 16; // ints per 64-byte line
  private static final int SPINS = 100;

  private final AtomicIntegerArray words;
  private final int mask;

  StripeLocks(int n) {
    if (Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("stripes " + n + " (must be a power of two)");
    }
    words = new AtomicIntegerArray(n * PAD);
    mask = n - 1;
  }

  /** The number of stripes. */
  int count() {
    return mask + 1;
  }

  /** The stripe of {@code bucket}. */
  int stripe(int bucket) {
    return bucket & mask;
  }

  /** Takes the lock of {@code bucket}'s stripe. */
  void lock(int bucket) {
    int i = (bucket & mask) * PAD;
    if (!words.compareAndSet(i, 0, 1)) {
      contended(i);
    }
  }

  private void contended(int i) {
    int spins = 0;
    do {
      while (words.getOpaque(i) != 0) { // opaque: re-read every turn, never hoisted
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    } while (!words.compareAndSet(i, 0, 1));
  }

  /** Releases the lock of {@code bucket}'s stripe (taken by this thread). */
  void unlock(int bucket) {
    words.setRelease((bucket & mask) * PAD, 0);
  }
}
