package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads records from a {@code BPF_MAP_TYPE_RINGBUF} map, as libbpf's {@code ring_buffer}
 * does: {@link #consume()} hands every committed record to the callback in order, skipping
 * discarded ones, and frees their space; {@link #poll(Duration)} first waits for data. One
 * consumer per ring at a time. The segment given to the callback is valid only during the
 * call.
 *
 * {@snippet :
 * BpfMap events = BpfMaps.create(BpfMapSpec.of("events", MapType.RINGBUF, 0, 0, 4096));
 * RingBufferConsumer rb = new RingBufferConsumer(events, data -> {
 *   System.out.println(data.byteSize() + " bytes");
 *   return 0;
 * });
 * rb.poll(Duration.ofMillis(100));
 * }
 */
public final class RingBufferConsumer {
  /** What the consumer calls per record; a negative return stops consuming with that value. */
  @FunctionalInterface
  public interface Handler {
    /** Handles one record's data. */
    int onRecord(MemorySegment data);
  }

  private final RingBuf ring;
  private final Handler handler;

  /** A consumer of {@code map}, which must be a ringbuf. */
  public RingBufferConsumer(BpfMap map, Handler handler) {
    if (!(map instanceof RingBuf r)) {
      throw new IllegalArgumentException(map + " is not a ringbuf map");
    }
    this.ring = r;
    this.handler = handler;
  }

  /** Consumes every committed record; returns how many were handed over, or the stop value. */
  public int consume() {
    long cons = ring.consPos;
    int n = 0;
    try {
      while (cons < ring.producerPosition()) {
        int hdr = ring.headerAt(cons);
        if ((hdr & RingBuf.BUSY) != 0) {
          break;
        }
        int len = hdr & ~(RingBuf.BUSY | RingBuf.DISCARD);
        long data = ring.dataAt(cons);
        long next = cons + ((len + RingBuf.HDR + 7) & ~7L);
        if ((hdr & RingBuf.DISCARD) == 0) {
          int r = handler.onRecord(Memory.ALL.asSlice(data, len));
          if (r < 0) {
            cons = next;
            return r;
          }
          n++;
        }
        cons = next;
      }
      return n;
    } finally {
      ring.consPos = cons;
    }
  }

  /**
   * Waits up to {@code timeout} for a committed record (submitted or discarded: a record
   * still being written does not count, as libbpf's epoll wakes on the commit), then
   * consumes; returns as {@link #consume()}.
   */
  public int poll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ring.waiter = Thread.currentThread();
    try {
      while (!committed()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return 0;
        }
        LockSupport.parkNanos(this, Math.min(left, 1_000_000));
      }
    } finally {
      ring.waiter = null;
    }
    return consume();
  }

  /** True when the next record to consume is committed. */
  private boolean committed() {
    long cons = ring.consPos;
    return cons < ring.producerPosition() && (ring.headerAt(cons) & RingBuf.BUSY) == 0;
  }

  /** Bytes produced and not yet consumed (including records still being written). */
  public long available() {
    return ring.producerPosition() - ring.consPos;
  }
}
