package io.bpf4j.vm.jit;

import io.bpf4j.isa.Opcodes;
import io.bpf4j.vm.ExecutionException;
import io.bpf4j.vm.Helper;
import io.bpf4j.vm.HelperTable;

/** Slow paths the generated code calls: callx, errors, division. Static and small. */
final class JitRuntime {
  private JitRuntime() {}

  /** {@code callx}: call the helper whose id is in a register. */
  static long callx(
      HelperTable table, int pc, long id, JitState s, long r1, long r2, long r3, long r4, long r5) {
    Helper h = id >= 0 && id <= 0xffff ? table.get((int) id) : null;
    if (h == null) {
      throw new ExecutionException(pc, "callx: no helper with id " + id);
    }
    return h.call(s, r1, r2, r3, r4, r5);
  }

  /** The error of a bpf-to-bpf call that would go deeper than 8 frames. */
  static ExecutionException depthExceeded(int pc) {
    return new ExecutionException(
        pc, "call depth exceeds " + Opcodes.MAX_CALL_DEPTH + " frames (stack overflow)");
  }

  /** The error of a callback value that names no subprogram of the program. */
  static ExecutionException notCallback(int slot) {
    return new ExecutionException(-1, "callback " + slot + " is not a subprogram of the program");
  }

  /** The error of a function whose last instruction falls through past its end. */
  static ExecutionException fellOff(int pc) {
    return new ExecutionException(pc, "execution falls off the end of the function");
  }

  // 64-bit division with a 32-bit fast path: x86's 64-bit divide is several times slower than
  // its 32-bit one, and eBPF code from clang divides 64-bit registers that hold 32-bit values
  // (the same bypass that compilers emit for native code). Small enough for HotSpot to inline.

  /** Unsigned 64-bit {@code a / b}, b != 0. */
  static long udiv(long a, long b) {
    if (((a | b) >>> 32) == 0) {
      return Integer.toUnsignedLong(Integer.divideUnsigned((int) a, (int) b));
    }
    return Long.divideUnsigned(a, b);
  }

  /** Unsigned 64-bit {@code a % b}, b != 0. */
  static long umod(long a, long b) {
    if (((a | b) >>> 32) == 0) {
      return Integer.toUnsignedLong(Integer.remainderUnsigned((int) a, (int) b));
    }
    return Long.remainderUnsigned(a, b);
  }

  /**
   * Unsigned 32-bit {@code a / b} for {@code a, b} in {@code [0, 2^32)}, {@code b != 0}, on the
   * floating-point divider. Exact: a and b are exact doubles; their quotient rounded to the
   * nearest double is at least {@code q = floor(a / b)} (an exact double) and below {@code q +
   * 1}, because the distance from {@code a / b} to {@code q + 1}, at least {@code 1 / b},
   * exceeds half the spacing of doubles there ({@code (q + 1) * 2^-53}, as {@code b * (q + 1)
   * <= a + b < 2^33}); {@code d2l} truncates it to q. On x86 {@code divsd} has a better
   * throughput than {@code div r32} but about twice its latency with the conversions, so the
   * JIT calls this only for divisibility tests (docs/jit.md).
   */
  static long udiv32Fp(long a, long b) {
    return (long) ((double) a / (double) b);
  }

  /**
   * Unsigned 32-bit {@code a % b}, same domain and method as {@link #udiv32Fp}; {@code a} when
   * {@code b == 0}, as RFC 9669's modulo by zero, so the JIT needs no zero test: {@code a /
   * 0.0} is infinite (or NaN when a is 0), {@code d2l} makes it {@code MAX_VALUE} (or 0), and
   * {@code a - q * 0 = a}.
   */
  static long umod32Fp(long a, long b) {
    return a - (long) ((double) a / (double) b) * b;
  }

  /** Signed 64-bit {@code a / b}, b != 0 (MIN / -1 is MIN, as the JVM gives). */
  static long sdiv(long a, long b) {
    if ((int) a == a && (int) b == b && b != -1) {
      return (int) a / (int) b;
    }
    return a / b;
  }

  /** Signed 64-bit {@code a % b}, b != 0. */
  static long smod(long a, long b) {
    if ((int) a == a && (int) b == b && b != -1) {
      return (int) a % (int) b;
    }
    return a % b;
  }
}
