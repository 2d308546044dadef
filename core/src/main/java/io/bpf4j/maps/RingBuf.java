package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code BPF_MAP_TYPE_RINGBUF}: a multi-producer, single-consumer byte ring of max_entries
 * bytes (a power of two, a multiple of 4096), with the kernel's record format: an 8-byte
 * header {@code { u32 len; u32 pg_off; }} whose len carries the busy bit (31) while the
 * producer writes and the discard bit (30), then the data, padded to 8. The consumer stops
 * at the first busy record, so records are seen in reservation order.
 *
 * <p>The kernel maps the data pages twice in a row, so that a record crossing the end of the
 * ring is contiguous in memory. Here the data area is {@code 2 * max_entries} bytes: a record
 * starts in the first half and runs on into the second, and its reader reads it there, so
 * positions, space checks and {@code bpf_ringbuf_query} are the kernel's (no padding at the
 * end). A new reservation fails when it would bring the producer {@code max_entries} or more
 * bytes ahead of the consumer ({@code new_prod_pos - cons_pos > mask}), as in the kernel.
 * The header's second field holds the offset from the ring's control block, from which
 * {@code bpf_ringbuf_submit} finds the ring.
 */
final class RingBuf extends BaseMap {
  static final int BUSY = 1 << 31;
  static final int DISCARD = 1 << 30;
  static final int HDR = 8;
  static final int CTRL = 64;
  static final int MAGIC = 0x46554252; // "RBUF"
  private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

  final long ctrl;
  /** Keeps the ring's memory alive as long as the map object is reachable. */
  private final MemorySegment memory;
  final long data;
  final long size;
  private final long mask;
  private volatile long prodPos;
  volatile long consPos;
  volatile Thread waiter;

  /**
   * The data size of a ring buffer map of kind {@code kind} ({@code ringbuf}, {@code
   * user_ringbuf}): its max_entries, after checking that key and value sizes are 0 and that
   * it is a power of 2 of at least a page.
   */
  static int dataSize(BpfMapSpec spec, String kind) {
    int n = spec.maxEntries();
    if (spec.keySize() != 0 || spec.valueSize() != 0 || n < 4096 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("map '" + spec.name() + "': " + kind + " needs"
          + " key_size 0, value_size 0 and max_entries a power of 2 of at least 4096 (is " + n
          + ")");
    }
    return n;
  }

  RingBuf(BpfMapSpec spec) {
    super(spec);
    size = dataSize(spec, "ringbuf");
    mask = size - 1;
    memory = Arena.ofAuto().allocate(CTRL + 2 * size, 4096);
    ctrl = memory.address();
    data = ctrl + CTRL;
    Memory.ALL.set(Memory.U32, ctrl, MAGIC);
  }

  void publishId() {
    Memory.ALL.set(Memory.U32, ctrl + 4, id);
  }

  /**
   * True when {@code sample} is the data of a busy (reserved, not yet committed) record of a
   * live ring, found without reading memory outside the rings: for checking untrusted
   * arguments before {@link #ofSample}.
   */
  static boolean reservedSample(long sample) {
    for (BaseMap m : BpfMaps.all()) {
      if (m instanceof RingBuf r) {
        long hdr = sample - HDR;
        if (hdr >= r.data && sample <= r.data + r.size && ((hdr - r.data) & 7) == 0) {
          int len = Memory.ALL.get(Memory.U32, hdr);
          long off = Memory.ALL.get(Memory.U32, hdr + 4) & 0xffffffffL;
          return off == hdr - r.ctrl && (len & BUSY) != 0;
        }
      }
    }
    return false;
  }

  /** The ring whose record has its data at {@code sample}, or null. */
  static RingBuf ofSample(long sample) {
    long hdr = sample - HDR;
    long off = Memory.ALL.get(Memory.U32, hdr + 4) & 0xffffffffL;
    long c = hdr - off;
    if (Memory.ALL.get(Memory.U32, c) != MAGIC) {
      return null;
    }
    return BpfMaps.byId(Memory.ALL.get(Memory.U32, c + 4)) instanceof RingBuf r ? r : null;
  }

  /** {@code bpf_ringbuf_reserve}: the data address of a busy record, or 0 when full. */
  long reserve(long len, long flags) {
    if (flags != 0 || len < 0 || len > size - HDR || len > 0x3fffffffL) {
      return 0;
    }
    long total = (len + HDR + 7) & ~7L;
    synchronized (this) {
      long prod = prodPos;
      if (prod + total - consPos > mask) {
        return 0;
      }
      long h = data + (prod & mask); // the record may run on into the second half
      Memory.ALL.set(Memory.U32, h + 4, (int) (h - ctrl));
      INT.setRelease(Memory.ALL, h, (int) (len | BUSY));
      prodPos = prod + total;
      return h + HDR;
    }
  }

  /** {@code bpf_ringbuf_submit} / {@code _discard} of the record at {@code sample}. */
  void commit(long sample, long flags, boolean discard) {
    long h = sample - HDR;
    int len = (int) INT.getAcquire(Memory.ALL, h) & ~BUSY;
    INT.setRelease(Memory.ALL, h, discard ? len | DISCARD : len);
    Thread w = waiter;
    if (w != null && (flags & 1) == 0) { // BPF_RB_NO_WAKEUP
      LockSupport.unpark(w);
    }
  }

  /** {@code bpf_ringbuf_output}: 0, or -EAGAIN when there is no room. */
  long output(long src, long len, long flags) {
    if ((flags & ~3L) != 0) {
      return -Errno.EINVAL;
    }
    long s = reserve(len, 0);
    if (s == 0) {
      return -Errno.EAGAIN;
    }
    Keys.copy(src, s, len);
    commit(s, flags, false);
    return 0;
  }

  /** {@code bpf_ringbuf_query}. */
  long query(long flags) {
    return switch ((int) flags) {
      case 0 -> prodPos - consPos; // BPF_RB_AVAIL_DATA
      case 1 -> size; // BPF_RB_RING_SIZE
      case 2 -> consPos; // BPF_RB_CONS_POS
      case 3 -> prodPos; // BPF_RB_PROD_POS
      default -> 0;
    };
  }

  long producerPosition() {
    return prodPos;
  }

  /** The header word at ring position {@code pos}, read with acquire. */
  int headerAt(long pos) {
    return (int) INT.getAcquire(Memory.ALL, data + (pos & mask));
  }

  long dataAt(long pos) {
    return data + (pos & mask) + HDR;
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    return -Errno.ENOTSUPP;
  }

  @Override
  int sysUpdate(long key, long value, long flags) {
    return -Errno.ENOTSUPP;
  }

  @Override
  int sysDelete(long key) {
    return -Errno.ENOTSUPP;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    return -Errno.ENOTSUPP;
  }
}
