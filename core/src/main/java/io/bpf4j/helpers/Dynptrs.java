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
 * size in bits 0..23, the type in bits 28..30 and read-only in bit 31), with what reads them:
 * {@code bpf_dynptr_read}, {@code bpf_dynptr_data}; and {@code bpf_user_ringbuf_drain},
 * which makes one (type local) per sample for its callback.
 */
final class Dynptrs {
  private Dynptrs() {}

  static final int SIZE_MASK = (1 << 24) - 1;
  static final int TYPE_SHIFT = 28;
  static final int TYPE_LOCAL = 1;
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
      return -22;
    }
    long size = size(src);
    if (off > size || len > size - off) {
      return -7; // E2BIG
    }
    long from = d + offset(src) + off;
    for (long i = 0; i < len; i++) {
      Memory.ALL.set(Memory.U8, dst + i, Memory.ALL.get(Memory.U8, from + i));
    }
    return 0;
  }

  /** {@code bpf_dynptr_data(ptr, offset, len)}: the data's address, or 0 (NULL). */
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
    long at = d + offset(ptr) + off;
    if (len > 0) {
      s.allowRegion(at, len, (Memory.ALL.get(Memory.U32, ptr + 8) & (1 << 31)) == 0);
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
      return -22;
    }
    Callback cb = ControlHelpers.callback(state, "bpf_user_ringbuf_drain", fn);
    MemorySegment p = DRAIN_PTR.get();
    long ptr = p.address();
    return MapHelpers.userRingbufDrain(map, (sample, size) -> {
      Memory.ALL.set(Memory.U64, ptr, sample);
      Memory.ALL.set(Memory.U32, ptr + 8, size | (TYPE_LOCAL << TYPE_SHIFT));
      Memory.ALL.set(Memory.U32, ptr + 12, 0);
      int mark = state.regionMark();
      state.allowRegion(ptr, 16, false);
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
