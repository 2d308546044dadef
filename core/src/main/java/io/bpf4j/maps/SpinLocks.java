package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Values that hold a {@code struct bpf_spin_lock} (a u32: 0 free, 1 held; the same word
 * {@code bpf_spin_lock}/{@code bpf_spin_unlock} spin on): copies that skip the lock word, as
 * the kernel's {@code copy_map_value} does, and the {@code BPF_F_LOCK} copies made while
 * holding the lock ({@code copy_map_value_locked}). User space never sees the lock word (it
 * reads as 0) and never overwrites it.
 */
final class SpinLocks {
  private SpinLocks() {}

  private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
  private static final ThreadLocal<MemorySegment[]> FRESH =
      ThreadLocal.withInitial(() -> new MemorySegment[] {Arena.ofAuto().allocate(64, 16)});

  /**
   * A copy of the {@code size}-byte value at {@code value} with its lock word 0, in the
   * calling thread's buffer (valid until its next call): what a new element starts from.
   */
  static long withFreeLock(long value, int size, int off) {
    MemorySegment[] b = FRESH.get();
    if (b[0].byteSize() < size) {
      b[0] = Arena.ofAuto().allocate(size, 16);
    }
    long tmp = b[0].address();
    Keys.copy(value, tmp, size);
    Memory.ALL.set(Memory.U32, tmp + off, 0);
    return tmp;
  }

  /** Spins until the lock word at {@code lock} goes from 0 to 1. */
  static void lock(long lock) {
    while (!INT.compareAndSet(Memory.ALL, lock, 0, 1)) {
      Thread.onSpinWait();
    }
  }

  /** Releases the lock word at {@code lock}. */
  static void unlock(long lock) {
    INT.setRelease(Memory.ALL, lock, 0);
  }

  /** Copies {@code size} bytes from {@code src} to {@code dst} except the lock word at {@code off}. */
  static void copySkippingLock(long src, long dst, int size, int off) {
    Keys.copy(src, dst, off);
    Keys.copy(src + off + 4, dst + off + 4, size - off - 4);
  }

  /** Copies a stored value out: the lock word reads as 0 ({@code check_and_init_map_value}). */
  static void copyOut(long elem, long dst, int size, int off, boolean locked) {
    copy(elem, dst, elem + off, size, off, locked);
    Memory.ALL.set(Memory.U32, dst + off, 0);
  }

  /** Copies {@code src} into a stored value without touching its lock word. */
  static void copyIn(long src, long elem, int size, int off, boolean locked) {
    copy(src, elem, elem + off, size, off, locked);
  }

  /** {@link #copySkippingLock}, holding the element's lock at {@code lock} when {@code locked}. */
  private static void copy(long src, long dst, long lock, int size, int off, boolean locked) {
    if (!locked) {
      copySkippingLock(src, dst, size, off);
      return;
    }
    lock(lock);
    try {
      copySkippingLock(src, dst, size, off);
    } finally {
      unlock(lock);
    }
  }
}
