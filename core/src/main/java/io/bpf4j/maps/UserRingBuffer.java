package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;

/**
 * The user-space producer of a {@code BPF_MAP_TYPE_USER_RINGBUF} on the JVM backend, as
 * libbpf's {@code user_ring_buffer__reserve}/{@code __submit}/{@code __discard}: records are
 * reserved in order and handed to {@code bpf_user_ringbuf_drain} once submitted. One producer
 * at a time (the methods synchronize on this object).
 *
 * {@snippet :
 * UserRingBuffer rb = UserRingBuffer.of(obj.map("urb"));
 * MemorySegment s = rb.reserve(8);
 * s.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 0, 42);
 * rb.submit(s);
 * }
 */
public final class UserRingBuffer {
  private final UserRingBuf rb;

  private UserRingBuffer(UserRingBuf rb) {
    this.rb = rb;
  }

  /** The producer of {@code map}, a user ring buffer of the JVM backend. */
  public static UserRingBuffer of(BpfMap map) {
    if (!(map instanceof UserRingBuf u)) {
      throw new IllegalArgumentException(map + " is not a user ring buffer");
    }
    return new UserRingBuffer(u);
  }

  /**
   * Reserves a record of {@code size} bytes (its memory, to fill and then {@link #submit} or
   * {@link #discard}), or null when the ring has no room for it now (libbpf: ENOSPC).
   *
   * @throws IllegalArgumentException for a size that can never fit (libbpf: E2BIG)
   */
  public synchronized MemorySegment reserve(int size) {
    long total = (size + UserRingBuf.HDR + 7L) & ~7L;
    if (size < 0 || total > rb.size) {
      throw new IllegalArgumentException("user ring buffer record of " + size + " bytes (the"
          + " ring holds " + rb.size + " bytes with headers)");
    }
    long prod = rb.prodPos;
    long cons = rb.consPos;
    if (total > rb.size - (prod - cons)) {
      return null;
    }
    rb.setHeader(prod, size | UserRingBuf.BUSY);
    Memory.ALL.set(Memory.U32, rb.data + (prod & rb.mask) + 4, 0);
    rb.prodPos = prod + total;
    return MemorySegment.ofAddress(rb.data + ((prod + UserRingBuf.HDR) & rb.mask))
        .reinterpret(size);
  }

  /** Hands a reserved record to the consumer. */
  public synchronized void submit(MemorySegment sample) {
    commit(sample, false);
  }

  /** Gives a reserved record up: the consumer skips it. */
  public synchronized void discard(MemorySegment sample) {
    commit(sample, true);
  }

  private void commit(MemorySegment sample, boolean discard) {
    long hdr = sample.address() - UserRingBuf.HDR;
    if (hdr < rb.data || hdr >= rb.data + rb.size) {
      hdr += rb.size; // a sample at offset 0 whose header ends the ring
    }
    if (hdr < rb.data || hdr >= rb.data + rb.size) {
      throw new IllegalArgumentException("not a record of this ring buffer");
    }
    int len = Memory.ALL.get(Memory.U32, hdr);
    if ((len & UserRingBuf.BUSY) == 0) {
      throw new IllegalArgumentException("record already submitted or discarded");
    }
    len &= ~UserRingBuf.BUSY;
    INT_RELEASE.setRelease(Memory.ALL, hdr, discard ? len | UserRingBuf.DISCARD : len);
  }

  private static final java.lang.invoke.VarHandle INT_RELEASE =
      java.lang.foreign.ValueLayout.JAVA_INT.varHandle();
}
