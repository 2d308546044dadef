package io.bpf4j.maps;

import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;

/**
 * {@code BPF_MAP_TYPE_PERF_EVENT_ARRAY}: one perf buffer per index (per CPU slot), written by
 * {@code bpf_perf_event_output} and read by a {@link PerfBufferReader}. An index has a
 * buffer only while a reader has it open (in the kernel: a perf event fd stored at the
 * index); output to an index without one gives ENOENT. A full buffer drops the sample and
 * counts it as lost, like the kernel's {@code PERF_RECORD_LOST}. max_entries 0 means one
 * entry per CPU slot, as libbpf sets it.
 */
final class PerfEventArray extends BaseMap {
  /** {@code BPF_F_CURRENT_CPU}: the index is the running thread's CPU slot. */
  static final long CURRENT_CPU = 0xffffffffL;
  /** {@code BPF_F_CTXLEN_MASK}: bits 32..51, a length of skb data to append (ignored here). */
  static final long CTXLEN_MASK = 0xfffffL << 32;

  /** A sample's bytes in a kernel perf ring besides its data: perf_event_header + u32 size. */
  static final int RECORD_OVERHEAD = 8 + 4;

  /** One index's buffer: records as copied byte arrays, bounded in bytes. */
  static final class Buffer {
    final ArrayDeque<byte[]> records = new ArrayDeque<>();
    final long capacity;
    long used;
    long lost;

    Buffer(long capacity) {
      this.capacity = capacity;
    }
  }

  private final Buffer[] buffers;

  PerfEventArray(BpfMapSpec spec) {
    super(fill(spec));
    if (this.spec.keySize() != 4 || this.spec.valueSize() != 4) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': perf_event_array needs key_size 4 and value_size 4");
    }
    buffers = new Buffer[this.spec.maxEntries()];
  }

  private static BpfMapSpec fill(BpfMapSpec s) {
    return s.maxEntries() != 0
        ? s
        : new BpfMapSpec(s.name(), s.type(), s.keySize(), s.valueSize(), CpuSlots.count(),
            s.flags(), s.mapExtra(), s.inner());
  }

  synchronized void open(int index, long capacity) {
    checkIndex(index);
    buffers[index] = new Buffer(capacity);
  }

  synchronized void closeIndex(int index) {
    checkIndex(index);
    buffers[index] = null;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= buffers.length) {
      throw new IllegalArgumentException(
          "perf_event_array '" + spec.name() + "': index " + index + " (max_entries "
              + buffers.length + ")");
    }
  }

  /** {@code bpf_perf_event_output}: 0 or -errno. */
  long output(long flags, long src, long len) {
    if ((flags & ~(CURRENT_CPU | CTXLEN_MASK)) != 0) {
      return -Errno.EINVAL;
    }
    long idx = flags & CURRENT_CPU;
    if (idx == CURRENT_CPU) {
      idx = CpuSlots.current();
    }
    if (idx >= buffers.length) {
      return -Errno.E2BIG;
    }
    if (len < 0 || len > 0xffff) {
      return -Errno.EINVAL;
    }
    // the kernel's PERF_SAMPLE_RAW: a u32 size, then the data zero-padded so that size and
    // data end 8-byte aligned; readers see the padded data, as libbpf's callback does
    byte[] copy = new byte[(int) (((len + 4 + 7) & ~7L) - 4)];
    MemorySegment.copy(Memory.ALL, ValueLayout.JAVA_BYTE, src, copy, 0, (int) len);
    synchronized (this) {
      Buffer b = buffers[(int) idx];
      if (b == null) {
        return -Errno.ENOENT;
      }
      if (b.used + copy.length + RECORD_OVERHEAD > b.capacity) {
        b.lost++;
        return -Errno.ENOSPC;
      }
      b.records.add(copy);
      b.used += copy.length + RECORD_OVERHEAD;
      notifyAll();
      return 0;
    }
  }

  /** Takes the next record of {@code index}, or null; {@code lost} receives the lost count. */
  synchronized byte[] take(int index, long[] lost) {
    Buffer b = buffers[index];
    if (b == null) {
      return null;
    }
    lost[0] = b.lost;
    b.lost = 0;
    byte[] r = b.records.poll();
    if (r != null) {
      b.used -= r.length + RECORD_OVERHEAD;
    }
    return r;
  }

  synchronized boolean anyReady() {
    for (Buffer b : buffers) {
      if (b != null && (!b.records.isEmpty() || b.lost > 0)) {
        return true;
      }
    }
    return false;
  }

  int entries() {
    return buffers.length;
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    return -Errno.ENOTSUPP; // as the kernel: perf event fds cannot be read back
  }

  @Override
  int sysUpdate(long key, long value, long flags) {
    return -Errno.EOPNOTSUPP;
  }

  @Override
  int sysDelete(long key) {
    long i = Memory.ALL.get(Memory.U32, key) & 0xffffffffL;
    synchronized (this) {
      if (i >= buffers.length) {
        return -Errno.E2BIG;
      }
      if (buffers[(int) i] == null) {
        return -Errno.ENOENT;
      }
      buffers[(int) i] = null;
      return 0;
    }
  }

  @Override
  int sysGetNextKey(long key, long next) {
    long i = key == 0 ? -1 : Memory.ALL.get(Memory.U32, key) & 0xffffffffL;
    if (i >= buffers.length) {
      i = -1;
    }
    if (i == buffers.length - 1) {
      return -Errno.ENOENT;
    }
    Memory.ALL.set(Memory.U32, next, (int) (i + 1));
    return 0;
  }
}
