package io.bpf4j.maps;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@code BPF_MAP_TYPE_ARRAY} and {@code BPF_MAP_TYPE_PERCPU_ARRAY}: u32 keys 0..max-1, every
 * value preallocated and zeroed, updated in place (as in the kernel, a reader may see a
 * value half-written by a concurrent update; use atomics or {@code bpf_spin_lock}), never
 * deleted. Values are 8-byte aligned native memory at {@code data + index * stride} (per-CPU:
 * {@code data + (index * cpus + cpu) * stride}).
 */
final class ArrayMap extends BaseMap {
  private final boolean percpu;
  private final int cpus;
  private final int stride;
  private final long elemStride;
  private final long data;
  private final int max;
  /** Keeps the values' memory alive as long as the map object is reachable. */
  private final MemorySegment values;

  ArrayMap(BpfMapSpec spec) {
    super(spec);
    if (spec.keySize() != 4 || spec.valueSize() == 0 || spec.maxEntries() == 0) {
      throw new IllegalArgumentException(
          "map '" + spec.name() + "': array needs key_size 4 (is " + spec.keySize()
              + "), value_size > 0 and max_entries > 0");
    }
    percpu = spec.type() == MapType.PERCPU_ARRAY;
    cpus = percpu ? CpuSlots.count() : 1;
    stride = Keys.round8(spec.valueSize());
    elemStride = (long) stride * cpus;
    max = spec.maxEntries();
    values = Arena.ofAuto().allocate(elemStride * max, 64);
    data = values.address();
    Memory.ALL.set(Memory.U64, desc + 24, percpu ? 0 : data);
    Memory.ALL.set(Memory.U32, desc + 32, percpu ? 0 : stride);
  }

  private long index(long key) {
    return Memory.ALL.get(Memory.U32, key) & 0xffffffffL;
  }

  @Override
  long lookupElem(long key) {
    long i = index(key);
    if (i >= max) {
      return 0;
    }
    return data + i * elemStride + (percpu ? (long) CpuSlots.current() * stride : 0);
  }

  @Override
  long updateElem(long key, long value, long flags) {
    long r = checkUpdate(key, flags);
    if (r < 0) {
      return r;
    }
    long i = index(key);
    long dst = data + i * elemStride + (percpu ? (long) CpuSlots.current() * stride : 0);
    if (timerOff >= 0) {
      Timers.free(dst + timerOff); // the old value's timer: cancelled and freed, as the kernel's
    }
    Keys.copy(value, dst, spec.valueSize());
    hideTimer(dst); // the new value's timer is not initialised
    return 0;
  }

  @Override
  long keyOfValue(long value, long keyBuf) {
    if (percpu || value < data || (value - data) % elemStride != 0) {
      return 0;
    }
    long i = (value - data) / elemStride;
    if (i >= max) {
      return 0;
    }
    Memory.ALL.set(Memory.U32, keyBuf, (int) i);
    return keyBuf;
  }

  private long checkUpdate(long key, long flags) {
    if ((flags & ~BPF_F_LOCK) > BPF_EXIST) {
      return -Errno.EINVAL;
    }
    if (index(key) >= max) {
      return -Errno.E2BIG;
    }
    if ((flags & ~BPF_F_LOCK) == BPF_NOEXIST) {
      return -Errno.EEXIST;
    }
    return 0;
  }

  @Override
  long forEach(ElementVisitor fn) {
    long key = ForEachKeys.push();
    try {
      long n = 0;
      for (int i = 0; i < max; i++) {
        Memory.ALL.set(Memory.U32, key, i);
        n++;
        long v = data + i * elemStride + (percpu ? (long) CpuSlots.current() * stride : 0);
        if (fn.visit(key, v) != 0) {
          break;
        }
      }
      return n;
    } finally {
      ForEachKeys.pop();
    }
  }

  @Override
  public int javaValueSize() {
    return percpu ? stride * cpus : spec.valueSize();
  }

  @Override
  int sysLookup(long key, long value, long flags) {
    if (flags != 0) {
      return -Errno.EINVAL;
    }
    long i = index(key);
    if (i >= max) {
      return -Errno.ENOENT;
    }
    if (!percpu) {
      Keys.copy(data + i * elemStride, value, spec.valueSize());
      hideTimer(value);
    } else {
      for (int c = 0; c < cpus; c++) {
        Keys.copy(data + i * elemStride + (long) c * stride, value + (long) c * stride, stride);
      }
    }
    return 0;
  }

  @Override
  int sysUpdate(long key, long value, long flags) {
    long r = checkUpdate(key, flags);
    if (r < 0) {
      return (int) r;
    }
    long i = index(key);
    if (!percpu) {
      long dst = data + i * elemStride;
      if (timerOff >= 0) {
        Timers.free(dst + timerOff);
      }
      Keys.copy(value, dst, spec.valueSize());
      hideTimer(dst);
    } else {
      for (int c = 0; c < cpus; c++) {
        Keys.copy(value + (long) c * stride, data + i * elemStride + (long) c * stride, stride);
      }
    }
    return 0;
  }

  @Override
  int sysGetNextKey(long key, long next) {
    return Keys.nextIndex(key, next, max);
  }
}
