package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code BPF_MAP_TYPE_USER_RINGBUF}: the ring buffer of {@link RingBuf} turned around. User
 * space produces ({@link UserRingBuffer}: reserve, then submit or discard, records with the
 * kernel's 8-byte header and busy/discard bits), a program consumes with {@code
 * bpf_user_ringbuf_drain}. As in {@link RingBuf} the data area is twice max_entries, so a
 * record that crosses the end is contiguous where both sides address it ({@code data +
 * (pos & mask)}), as the kernel's double mapping makes it.
 */
final class UserRingBuf extends BaseMap {
  static final int BUSY = 1 << 31;
  static final int DISCARD = 1 << 30;
  static final int HDR = 8;
  /** {@code BPF_MAX_USER_RINGBUF_SAMPLES}: the most samples one drain consumes. */
  static final int MAX_SAMPLES = 128 * 1024;
  /** {@code DYNPTR_MAX_SIZE}: the largest sample a dynptr can describe. */
  static final int DYNPTR_MAX = (1 << 24) - 1;
  private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

  /** Keeps the ring's memory alive as long as the map object is reachable. */
  private final MemorySegment memory;
  final long data;
  final long size;
  final long mask;
  volatile long prodPos;
  volatile long consPos;
  /** The kernel's {@code rb->busy}: one drain at a time. */
  final AtomicBoolean draining = new AtomicBoolean();

  UserRingBuf(BpfMapSpec spec) {
    super(spec);
    size = RingBuf.dataSize(spec, "user_ringbuf");
    mask = size - 1;
    memory = Arena.ofAuto().allocate(2 * size, 4096);
    data = memory.address();
  }

  /** The header's len word at {@code pos}, read with acquire semantics. */
  int header(long pos) {
    return (int) INT.getAcquire(Memory.ALL, data + (pos & mask));
  }

  /** Writes the header's len word at {@code pos} with release semantics. */
  void setHeader(long pos, int len) {
    INT.setRelease(Memory.ALL, data + (pos & mask), len);
  }

  /**
   * {@code bpf_user_ringbuf_drain}'s loop: each submitted sample in order to {@code fn},
   * discarded ones skipped, until none is left, one is still busy, {@code fn} returns
   * nonzero or {@link #MAX_SAMPLES} were taken. The number of samples, -EBUSY while another
   * drain runs, -EINVAL for a header that claims more than the producer wrote, -E2BIG for
   * one larger than the ring or a dynptr.
   */
  long drain(MapHelpers.SampleVisitor fn) {
    if (!draining.compareAndSet(false, true)) {
      return -Errno.EBUSY;
    }
    try {
      long samples = 0;
      while (samples < MAX_SAMPLES) {
        long cons = consPos;
        long prod = prodPos;
        if (cons == prod) {
          break;
        }
        int len = header(cons);
        int flags = len & (BUSY | DISCARD);
        long sampleLen = len & ~flags & 0xffffffffL;
        long total = (sampleLen + HDR + 7) & ~7L;
        if (total > prod - cons) {
          return -Errno.EINVAL;
        }
        if (total > size || sampleLen > DYNPTR_MAX) {
          return -Errno.E2BIG;
        }
        if ((flags & DISCARD) != 0) {
          consPos = cons + total;
          continue;
        }
        if ((flags & BUSY) != 0) {
          break;
        }
        long r = fn.visit(data + ((cons + HDR) & mask), (int) sampleLen);
        consPos = cons + total;
        samples++;
        if (r != 0) {
          break;
        }
      }
      return samples;
    } finally {
      draining.set(false);
    }
  }
}
