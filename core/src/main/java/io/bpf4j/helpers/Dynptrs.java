package io.bpf4j.helpers;

import io.bpf4j.maps.MapHelpers;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Dynptrs ({@code struct bpf_dynptr}, 16 bytes) as the kernel lays them out ({@code struct
 * bpf_dynptr_kern}: {@code void *data; u32 size; u32 offset}, the size word holding the
 * size in bits 0..23, the type in bits 28..30 and read-only in bit 31): what makes them
 * ({@code bpf_dynptr_from_mem}, {@code bpf_ringbuf_reserve_dynptr}, and {@code
 * bpf_user_ringbuf_drain}, which makes one (type local) per sample for its callback), what
 * uses them ({@code bpf_dynptr_read}, {@code bpf_dynptr_write}, {@code bpf_dynptr_data}) and
 * what releases a ring buffer one ({@code bpf_ringbuf_submit_dynptr}, {@code
 * bpf_ringbuf_discard_dynptr}). A helper that fails leaves the dynptr NULL (all zero), as
 * the kernel's {@code bpf_dynptr_set_null}; the helpers given a NULL one return -EINVAL or
 * NULL, and the release helpers do nothing.
 */
final class Dynptrs {
  private Dynptrs() {}

  static final int SIZE_MASK = (1 << 24) - 1;
  static final int TYPE_SHIFT = 28;
  static final int TYPE_LOCAL = 1;
  static final int TYPE_RINGBUF = 2;
  static final int RDONLY = 1 << 31;
  /** {@code DYNPTR_MAX_SIZE}: a dynptr's size fits 24 bits. */
  static final long MAX_SIZE = SIZE_MASK;
  static final long EINVAL = -22;
  static final long E2BIG = -7;
  static final long RB_NO_WAKEUP = 1;
  static final long RB_FORCE_WAKEUP = 2;

  private static final ThreadLocal<MemorySegment> DRAIN_PTR =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

  /** Data, size and offset of the dynptr at {@code ptr}; data 0 for an invalid one. */
  private static long data(long ptr) {
    return Memory.ALL.get(Memory.U64, ptr);
  }

  private static long size(long ptr) {
    return Memory.ALL.get(Memory.U32, ptr + 8) & SIZE_MASK;
  }

  private static long offset(long ptr) {
    return Memory.ALL.get(Memory.U32, ptr + 12) & 0xffffffffL;
  }

  /** {@code bpf_dynptr_read(dst, len, src, offset, flags)}: 0, -EINVAL, -E2BIG. */
  static long read(RunState s, long dst, long len, long src, long off, long flags) {
    len &= 0xffffffffL; // u32 len, u32 offset
    off &= 0xffffffffL;
    ArgChecks.mem(s, "dynptr_read", 3, src, 16, false);
    if (len > 0) {
      ArgChecks.mem(s, "dynptr_read", 1, dst, len, true);
    }
    long d = data(src);
    if (d == 0 || flags != 0) {
      return EINVAL;
    }
    long size = size(src);
    if (off > size || len > size - off) {
      return E2BIG;
    }
    long from = d + offset(src) + off;
    if (len > 0) {
      ArgChecks.mem(s, "dynptr_read", 3, from, len, false); // a forged dynptr, checked runs
      MemorySegment.copy(Memory.ALL, from, Memory.ALL, dst, len); // memmove
    }
    return 0;
  }

  /** {@code bpf_dynptr_write(dst, offset, src, len, flags)}: 0, -EINVAL, -E2BIG. */
  static long write(RunState s, long dst, long off, long src, long len, long flags) {
    off &= 0xffffffffL; // u32 offset, u32 len
    len &= 0xffffffffL;
    ArgChecks.mem(s, "dynptr_write", 1, dst, 16, false);
    if (len > 0) {
      ArgChecks.mem(s, "dynptr_write", 3, src, len, false);
    }
    long d = data(dst);
    if (d == 0 || (Memory.ALL.get(Memory.U32, dst + 8) & RDONLY) != 0) {
      return EINVAL;
    }
    long size = size(dst);
    if (off > size || len > size - off) {
      return E2BIG;
    }
    if (flags != 0) { // checked after the bounds, as the kernel does
      return EINVAL;
    }
    long to = d + offset(dst) + off;
    if (len > 0) {
      ArgChecks.mem(s, "dynptr_write", 1, to, len, true);
      MemorySegment.copy(Memory.ALL, src, Memory.ALL, to, len); // memmove
    }
    return 0;
  }

  private static void init(long ptr, long data, long size, int type) {
    Memory.ALL.set(Memory.U64, ptr, data);
    Memory.ALL.set(Memory.U32, ptr + 8, (int) size | (type << TYPE_SHIFT));
    Memory.ALL.set(Memory.U32, ptr + 12, 0);
  }

  /** {@code bpf_dynptr_set_null}. */
  private static void setNull(long ptr) {
    Memory.ALL.set(Memory.U64, ptr, 0L);
    Memory.ALL.set(Memory.U64, ptr + 8, 0L);
  }

  /**
   * {@code bpf_dynptr_from_mem(data, size, flags, ptr)}: a local dynptr over {@code size}
   * bytes at {@code data}; -E2BIG past 16 MiB - 1, -EINVAL for flags other than 0.
   */
  static long fromMem(RunState s, long data, long size, long flags, long ptr) {
    size &= 0xffffffffL; // u32 size
    ArgChecks.mem(s, "dynptr_from_mem", 4, ptr, 16, true);
    if (size > MAX_SIZE) {
      setNull(ptr);
      return E2BIG;
    }
    if (flags != 0) {
      setNull(ptr);
      return EINVAL;
    }
    ArgChecks.mem(s, "dynptr_from_mem", 1, data, size, true);
    init(ptr, data, size, TYPE_LOCAL);
    return 0;
  }

  /**
   * {@code bpf_ringbuf_reserve_dynptr(ringbuf, size, flags, ptr)}: a ring buffer dynptr over a
   * record reserved in {@code map}; -EINVAL for flags or when the ring has no room, -E2BIG
   * past 16 MiB - 1; the dynptr is then NULL (and must still be submitted or discarded).
   */
  static long reserve(RunState s, long map, long size, long flags, long ptr) {
    size &= 0xffffffffL; // u32 size
    ArgChecks.mem(s, "ringbuf_reserve_dynptr", 4, ptr, 16, true);
    if (flags != 0) {
      setNull(ptr);
      return EINVAL;
    }
    if (size > MAX_SIZE) {
      setNull(ptr);
      return E2BIG;
    }
    long sample = MapHelpers.ringbufReserve(map, size, 0);
    if (sample == 0) {
      setNull(ptr);
      return EINVAL;
    }
    if (size > 0) {
      s.allowRegion(sample, size, true);
    }
    init(ptr, sample, size, TYPE_RINGBUF);
    return 0;
  }

  /**
   * {@code bpf_ringbuf_submit_dynptr} ({@code discard} false) and {@code
   * bpf_ringbuf_discard_dynptr}: commits the record and makes the dynptr NULL; nothing for a
   * NULL one.
   */
  static long commit(RunState s, String name, long ptr, long flags, boolean discard) {
    ArgChecks.mem(s, name, 1, ptr, 16, true);
    long d = data(ptr);
    if (d == 0) {
      return 0;
    }
    if (s.checked() && (((Memory.ALL.get(Memory.U32, ptr + 8) >>> TYPE_SHIFT) & 7)
        != TYPE_RINGBUF || !MapHelpers.isReservedSample(d))) {
      throw new ExecutionException(-1, String.format(
          "bpf_%s: argument r1 (0x%x) is not a ring buffer dynptr", name, ptr));
    }
    MapHelpers.ringbufCommit(d, flags, discard);
    setNull(ptr);
    return 0;
  }

  /**
   * {@code bpf_dynptr_data(ptr, offset, len)}: the data's address, or 0 (NULL) outside the
   * data or for a read-only dynptr.
   */
  static long dataOf(RunState s, long ptr, long off, long len) {
    ArgChecks.mem(s, "dynptr_data", 1, ptr, 16, false);
    long d = data(ptr);
    if (d == 0) {
      return 0;
    }
    long size = size(ptr);
    off &= 0xffffffffL; // u32 offset, u32 len
    len &= 0xffffffffL;
    if (off > size || len > size - off) {
      return 0;
    }
    if ((Memory.ALL.get(Memory.U32, ptr + 8) & RDONLY) != 0) {
      return 0; // the slice would be writable: none of a read-only dynptr, as in the kernel
    }
    long at = d + offset(ptr) + off;
    if (len > 0) {
      s.allowRegion(at, len, true);
    }
    return at;
  }

  /**
   * {@code bpf_user_ringbuf_drain(map, callback_fn, callback_ctx, flags)}: the number of
   * samples handed to the callback (r1 = a dynptr to the sample, r2 = ctx), -EINVAL for flags
   * other than {@code BPF_RB_NO_WAKEUP}/{@code BPF_RB_FORCE_WAKEUP}, -EBUSY while another
   * drain of the map runs, or the error of a malformed record.
   */
  static long drain(RunState state, long map, long fn, long ctx, long flags) {
    if ((flags & ~(RB_NO_WAKEUP | RB_FORCE_WAKEUP)) != 0) {
      return EINVAL;
    }
    Callback cb = ControlHelpers.callback(state, "bpf_user_ringbuf_drain", fn);
    MemorySegment p = DRAIN_PTR.get();
    long ptr = p.address();
    return MapHelpers.userRingbufDrain(map, (sample, size) -> {
      init(ptr, sample, size, TYPE_LOCAL);
      int mark = state.regionMark();
      state.allowRegion(ptr, 16, false);
      if (size > 0) {
        state.allowRegion(sample, size, false); // what bpf_dynptr_read reads
      }
      try {
        return cb.call(ptr, ctx, 0, 0, 0);
      } finally {
        state.releaseRegions(mark);
        Memory.ALL.set(Memory.U64, ptr, 0L); // the dynptr dies with the call
      }
    });
  }

  /** Fails a checked run whose map argument is not a user ring buffer. */
  static void userRingbuf(RunState s, io.bpf4j.maps.BpfMap m) {
    if (m != null && m.spec().type() != io.bpf4j.uapi.MapType.USER_RINGBUF) {
      throw new ExecutionException(-1, "bpf_user_ringbuf_drain: argument r1 (" + m
          + ") is not a user ring buffer");
    }
  }
}
