package io.bpf4j.helpers;

import io.bpf4j.maps.CpuSlots;
import io.bpf4j.maps.MapHelpers;
import io.bpf4j.vm.Engine;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.Memory;
import io.bpf4j.vm.RunState;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Helpers that change the flow of a run: tail calls, callbacks, spin locks, and the string
 * and printing helpers.
 *
 * <p><b>Tail calls.</b> {@code bpf_tail_call(ctx, prog_array, index)} runs the target
 * program ({@link io.bpf4j.maps.ProgArray}) on the same context, then ends the calling
 * function with the target's r0 through {@link RunState#stopFunction(long)}: to the caller's
 * engine a successful tail call looks like a helper that stops; in the main function that
 * ends the run, in a bpf-to-bpf subprogram only the subprogram (its caller goes on with the
 * target's r0, as in the kernel, where the target takes over the subprogram's frame). The
 * chain is counted per thread; the 34th tail call of a chain fails, as
 * {@code MAX_TAIL_CALL_CNT} (33) makes it fail in the kernel. A failed tail call (empty slot,
 * index out of range, limit reached) returns a negative errno and the caller goes on.
 */
final class ControlHelpers {
  private ControlHelpers() {}

  /** {@code MAX_TAIL_CALL_CNT}. */
  static final int MAX_TAIL_CALLS = 33;

  private static final ThreadLocal<int[]> CHAIN = ThreadLocal.withInitial(() -> new int[1]);
  private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

  static long tailCall(RunState state, long map, long index) {
    Engine target = MapHelpers.tailCallTarget(map, index & 0xffffffffL);
    if (target == null) {
      return -2; // ENOENT
    }
    int[] chain = CHAIN.get();
    if (chain[0] >= MAX_TAIL_CALLS) {
      return -7; // E2BIG
    }
    chain[0]++;
    state.tailCalls++;
    try {
      long r = target.run(state.ctx, state.ctxLen);
      state.stopFunction(r); // the target replaces the calling function's frame
      return r;
    } finally {
      chain[0]--;
    }
  }

  static Callback callback(RunState state, String helper, long fn) {
    if (state instanceof Subprograms s) {
      try {
        return s.callback(fn);
      } catch (ExecutionException e) {
        // name the helper, as every helper's argument error does
        String m = e.getMessage();
        String at = "instruction " + e.pc() + ": ";
        throw new ExecutionException(e.pc(), helper + ": "
            + (e.pc() >= 0 && m.startsWith(at) ? m.substring(at.length()) : m));
      }
    }
    throw new ExecutionException(-1, helper + ": the engine does not provide callbacks");
  }

  /** {@code BPF_MAX_LOOPS}: the most iterations one {@code bpf_loop} call makes. */
  static final long MAX_LOOPS = 1L << 23;

  /**
   * What {@code bpf_loop} returns for too many iterations, as the kernel does it: its verifier
   * inlines every call whose flags are the constant 0 ({@code inline_bpf_loop}), and that code
   * sets r0 with a 32-bit move, so -E2BIG arrives zero-extended (observed on 6.18). The helper
   * proper, reached only with flags not known to be 0, returns -EINVAL before.
   */
  static final long E2BIG_INLINED = -7 & 0xffffffffL;

  /**
   * {@code bpf_loop(nr_loops, callback_fn, callback_ctx, flags)}: the number of callback calls
   * (the last one included when it returned 1), {@link #E2BIG_INLINED} for more than {@link
   * #MAX_LOOPS} (a 64-bit comparison, as the inlined code makes), -EINVAL for flags.
   */
  static long loop(RunState state, long nr, long fn, long ctx, long flags) {
    if (flags != 0) {
      return -22;
    }
    if (Long.compareUnsigned(nr, MAX_LOOPS) > 0) {
      return E2BIG_INLINED;
    }
    Callback cb = callback(state, "bpf_loop", fn);
    for (long i = 0; i < nr; i++) {
      if (cb.call(i, ctx, 0, 0, 0) != 0) {
        return i + 1;
      }
    }
    return nr;
  }

  /**
   * {@code bpf_for_each_map_elem(map, callback_fn, callback_ctx, flags)}: the number of
   * elements visited. {@code checked} is the map when the run is checked (else null): then
   * each element's key (read-only) and value are memory the callback may use while it runs.
   */
  static long forEachMapElem(
      RunState state, io.bpf4j.maps.BpfMap checked, long map, long fn, long ctx, long flags) {
    if (flags != 0) {
      return -22;
    }
    Callback cb = callback(state, "bpf_for_each_map_elem", fn);
    if (checked == null) {
      return MapHelpers.forEach(map, (m, k, v) -> cb.call(m, k, v, ctx, 0));
    }
    int keySize = checked.keySize();
    int valueSize = checked.valueSize();
    return MapHelpers.forEach(map, (m, k, v) -> {
      int mark = state.regionMark();
      state.allowRegion(k, keySize, false);
      state.allowRegion(v, valueSize, true);
      try {
        return cb.call(m, k, v, ctx, 0);
      } finally {
        state.releaseRegions(mark);
      }
    });
  }

  /** {@code bpf_spin_lock(lock)}: spins on the u32 {@code struct bpf_spin_lock}. */
  static long spinLock(long lock) {
    while (!INT.compareAndSet(Memory.ALL, lock, 0, 1)) {
      Thread.onSpinWait();
    }
    return 0;
  }

  /** {@code bpf_spin_unlock(lock)}. */
  static long spinUnlock(long lock) {
    INT.setRelease(Memory.ALL, lock, 0);
    return 0;
  }

  /** {@code bpf_strncmp(s1, s1_sz, s2)}: -1, 0 or 1 like the kernel's strncmp. */
  static long strncmp(RunState state, long s1, long n, long s2) {
    for (long i = 0; i < n; i++) {
      ArgChecks.mem(state, "strncmp", 1, s1 + i, 1, false);
      ArgChecks.mem(state, "strncmp", 3, s2 + i, 1, false);
      int a = Memory.ALL.get(Memory.U8, s1 + i) & 0xff;
      int b = Memory.ALL.get(Memory.U8, s2 + i) & 0xff;
      if (a != b) {
        return a < b ? -1 : 1;
      }
      if (a == 0) {
        return 0;
      }
    }
    return 0;
  }

  /** The NUL-terminated format at {@code fmt} within {@code size} bytes, or null. */
  private static String cString(RunState state, String helper, int reg, long fmt, long size) {
    if (size <= 0 || size > 1 << 16) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (long i = 0; i < size; i++) {
      ArgChecks.mem(state, helper, reg, fmt + i, 1, false);
      byte b = Memory.ALL.get(Memory.U8, fmt + i);
      if (b == 0) {
        return sb.toString();
      }
      sb.append((char) (b & 0xff));
    }
    return null;
  }

  /** {@code bpf_trace_printk(fmt, fmt_size, a1, a2, a3)}: the message's length or -EINVAL. */
  static long tracePrintk(
      TracePipe pipe, RunState state, long fmt, long size, long a1, long a2, long a3) {
    String f = cString(state, "trace_printk", 1, fmt, size);
    if (f == null) {
      return -22;
    }
    if (!PrintfFormat.valid(f.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 3)) {
      return -22; // a format the kernel's printf does not take, or more than 3 conversions
    }
    String msg = BpfFormat.format(state, f, new long[] {a1, a2, a3}, 3);
    if (msg == null) {
      return -22;
    }
    String line = msg.endsWith("\n") ? msg.substring(0, msg.length() - 1) : msg;
    pipe.write(TaskInfo.commString(), TaskInfo.tid(), CpuSlots.current(), line);
    return msg.length();
  }

  /**
   * {@code bpf_snprintf(str, str_size, fmt, data, data_len)}: writes at most {@code str_size}
   * bytes including the NUL and returns the full length including the NUL, or -EINVAL.
   */
  static long snprintf(RunState state, long str, long strSize, long fmt, long data, long len) {
    if ((len & 7) != 0 || len > 12 * 8 || (len > 0 && data == 0)) {
      return -22;
    }
    String f = cString(state, "snprintf", 3, fmt, 1 << 12);
    if (f == null) {
      return -22;
    }
    ArgChecks.mem(state, "snprintf", 4, data, len, false);
    if (strSize > 0) {
      ArgChecks.mem(state, "snprintf", 1, str, strSize, true);
    }
    int n = (int) (len / 8);
    long[] args = new long[n];
    for (int i = 0; i < n; i++) {
      args[i] = Memory.ALL.get(Memory.U64, data + 8L * i);
    }
    if (!PrintfFormat.valid(f.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, n)) {
      return -22; // the verifier checks a constant format; one it could not read fails here
    }
    String s = BpfFormat.format(state, f, args, n, strSize);
    if (s == null) {
      return -22;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    if (strSize > 0) {
      long k = Math.min(b.length, strSize - 1);
      for (int i = 0; i < k; i++) {
        Memory.ALL.set(Memory.U8, str + i, b[i]);
      }
      Memory.ALL.set(Memory.U8, str + k, (byte) 0);
    }
    return b.length + 1;
  }
}
