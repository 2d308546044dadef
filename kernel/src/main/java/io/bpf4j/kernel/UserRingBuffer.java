package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The user-space producer of a {@code BPF_MAP_TYPE_USER_RINGBUF}, as libbpf's {@code
 * user_ring_buffer}: the consumer page mmap'd read-only, the producer page and the data
 * (mapped twice by the kernel, so no record wraps) read-write. {@link #reserve} writes a busy
 * header and moves the producer position; {@link #submit} clears the busy bit, {@link
 * #discard} sets the discard bit; a program drains with {@code bpf_user_ringbuf_drain}. One
 * producer at a time (the methods synchronize on this object).
 */
public final class UserRingBuffer implements AutoCloseable {
  private static final int BUSY = RingBuffer.BUSY;
  private static final int DISCARD = RingBuffer.DISCARD;
  private static final int HEADER = RingBuffer.HEADER;
  private static final VarHandle LONG = JAVA_LONG.varHandle();
  private static final VarHandle INT = JAVA_INT.varHandle();

  private final Sys sys;
  private final long size;
  private final RingMapping mapping;
  private final MemorySegment consumer;
  private final MemorySegment producer;
  private final MemorySegment data;

  private UserRingBuffer(Sys sys, KernelMap map) {
    MapInfo info = map.info();
    if (info.type() != MapType.USER_RINGBUF) {
      throw new IllegalArgumentException(map + " is not a user ring buffer");
    }
    this.sys = sys;
    this.size = info.maxEntries();
    this.mapping = RingMapping.open(
        sys, map, size, "user ring buffer", RingMapping.PROT_READ, RingMapping.PROT_READ_WRITE);
    this.consumer = mapping.consumer();
    this.producer = mapping.producer();
    this.data = mapping.data();
  }

  /** Maps the user ring buffer {@code map} (which stays the caller's to close). */
  public static UserRingBuffer open(KernelMap map) {
    return new UserRingBuffer(Sys.system(), map);
  }

  /**
   * Reserves a record of {@code bytes} (its memory, to fill and then {@link #submit} or
   * {@link #discard}), or null when the ring has no room now.
   *
   * @throws IllegalArgumentException for a size that never fits
   */
  public synchronized MemorySegment reserve(int bytes) {
    long total = (bytes + HEADER + 7L) & ~7L;
    if (bytes < 0 || total > size) {
      throw new IllegalArgumentException("record of " + bytes + " bytes in a ring of " + size);
    }
    long cons = (long) LONG.getAcquire(consumer, 0L);
    long prod = (long) LONG.getAcquire(producer, 0L);
    if (total > size - (prod - cons)) {
      return null;
    }
    long mask = size - 1;
    data.set(JAVA_INT, prod & mask, bytes | BUSY);
    data.set(JAVA_INT, (prod & mask) + 4, 0);
    LONG.setRelease(producer, 0L, prod + total);
    return data.asSlice((prod + HEADER) & mask, bytes);
  }

  /** Hands a reserved record to the program. */
  public synchronized void submit(MemorySegment sample) {
    commit(sample, false);
  }

  /** Gives a reserved record up: the drain skips it. */
  public synchronized void discard(MemorySegment sample) {
    commit(sample, true);
  }

  private void commit(MemorySegment sample, boolean discard) {
    long at = sample.address() - data.address() - HEADER;
    if (at < 0) {
      at += size; // a sample at offset 0 whose header ends the ring
    }
    int len = (int) INT.getAcquire(data, at) & ~BUSY;
    INT.setRelease(data, at, discard ? len | DISCARD : len);
  }

  @Override
  public void close() {
    mapping.close(sys);
  }
}
