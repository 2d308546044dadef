package io.bpf4j.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.bpf4j.kernel.sys.Sys;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The user-space side of a {@code BPF_MAP_TYPE_RINGBUF}: the map's pages mmap'd (the consumer
 * page read-write, the producer page and the data — mapped twice so no record wraps —
 * read-only), woken by epoll, each record handed to a callback as a segment valid only
 * during the call.
 *
 * {@snippet :
 * try (RingBuffer rb = RingBuffer.open(events)) {
 *   rb.poll(100, rec -> System.out.println(rec.byteSize() + " bytes"));
 * }
 * }
 */
public final class RingBuffer implements AutoCloseable {
  /** A record header's length word: the producer has not committed it yet. */
  static final int BUSY = 1 << 31;
  /** A record header's length word: the record was discarded. */
  static final int DISCARD = 1 << 30;
  /** Bytes of a record's header (length word, page offset). */
  static final int HEADER = 8;
  private static final VarHandle LONG = JAVA_LONG.varHandle();
  private static final VarHandle INT = JAVA_INT.varHandle();

  private final Sys sys;
  private final long size;
  private final RingMapping mapping;
  private final MemorySegment consumer;
  private final MemorySegment producer;
  private final MemorySegment data;
  private final Epoll epoll;

  private RingBuffer(Sys sys, KernelMap map) {
    MapInfo info = map.info();
    if (info.type() != MapType.RINGBUF) {
      throw new IllegalArgumentException(map + " is not a ring buffer");
    }
    this.sys = sys;
    this.size = info.maxEntries();
    this.mapping = RingMapping.open(
        sys, map, size, "ring buffer", RingMapping.PROT_READ_WRITE, RingMapping.PROT_READ);
    this.consumer = mapping.consumer();
    this.producer = mapping.producer();
    this.data = mapping.data();
    Epoll e = null;
    try {
      e = new Epoll(sys);
      e.add(map.fd(), 0);
    } catch (RuntimeException ex) {
      if (e != null) {
        e.close();
      }
      mapping.close(sys);
      throw ex;
    }
    this.epoll = e;
  }

  /** Maps the ring buffer {@code map} (which stays the caller's to close). */
  public static RingBuffer open(KernelMap map) {
    return new RingBuffer(Sys.system(), map);
  }

  /**
   * Waits up to {@code timeoutMillis} for data (0: do not wait; -1: forever), then hands
   * every committed record to {@code callback}; returns how many.
   */
  public int poll(int timeoutMillis, Consumer<MemorySegment> callback) {
    int n = consume(callback);
    if (n > 0 || timeoutMillis == 0) {
      return n;
    }
    epoll.await(timeoutMillis);
    return consume(callback);
  }

  /** Hands every committed record to {@code callback} without waiting; returns how many. */
  public int consume(Consumer<MemorySegment> callback) {
    long cons = (long) LONG.getAcquire(consumer, 0L);
    long prod = (long) LONG.getAcquire(producer, 0L);
    int n = 0;
    long mask = size - 1;
    while (cons < prod) {
      long at = cons & mask;
      int len = (int) INT.getAcquire(data, at);
      if ((len & BUSY) != 0) {
        break; // the producer has not committed it yet
      }
      int bytes = len & ~(BUSY | DISCARD);
      if ((len & DISCARD) == 0) {
        callback.accept(data.asSlice(at + HEADER, bytes));
        n++;
      }
      cons += (bytes + HEADER + 7) & ~7L;
      LONG.setRelease(consumer, 0L, cons);
      prod = (long) LONG.getAcquire(producer, 0L);
    }
    return n;
  }

  @Override
  public void close() {
    epoll.close();
    mapping.close(sys);
  }
}
