package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;

import java.lang.invoke.VarHandle;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The atomic read-modify-write instructions ({@code STX | ATOMIC}, RFC 9669 section 5.3):
 * add, or, and, xor with and without fetch, xchg and cmpxchg, 32 and 64 bits, through
 * {@link VarHandle}s on {@link Memory#ALL}. The address must be aligned to the access size.
 */
final class Atomics {
  private Atomics() {}

  private static final VarHandle I32 =
      ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
  private static final VarHandle I64 =
      ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

  /** Executes the atomic at {@code pc} (packed instruction {@code ins}, operation {@code aop}). */
  static void execute(
      long[] r, int ins, int aop, boolean wide, CheckedState cs, int pc, int depth) {
    int d = (ins >>> 8) & 15;
    int s = (ins >>> 12) & 15;
    long a = r[d] + (ins >> 16);
    int size = wide ? 8 : 4;
    if (cs != null) {
      cs.check(pc, a, size, true, depth);
    }
    if ((a & (size - 1)) != 0) {
      throw new ExecutionException(
          pc, String.format("atomic access of %d bytes at 0x%x is not aligned", size, a));
    }
    if (wide) {
      long v = r[s];
      long old =
          switch (aop & ~FETCH) {
            case ADD -> (long) I64.getAndAdd(Memory.ALL, a, v);
            case OR -> (long) I64.getAndBitwiseOr(Memory.ALL, a, v);
            case AND -> (long) I64.getAndBitwiseAnd(Memory.ALL, a, v);
            case XOR -> (long) I64.getAndBitwiseXor(Memory.ALL, a, v);
            case XCHG & ~FETCH -> (long) I64.getAndSet(Memory.ALL, a, v);
            case CMPXCHG & ~FETCH -> {
              r[0] = (long) I64.compareAndExchange(Memory.ALL, a, r[0], v);
              yield 0;
            }
            default -> throw new ExecutionException(pc, "unknown atomic operation " + aop);
          };
      if ((aop & FETCH) != 0 && aop != CMPXCHG) {
        r[s] = old;
      }
    } else {
      int v = (int) r[s];
      int old =
          switch (aop & ~FETCH) {
            case ADD -> (int) I32.getAndAdd(Memory.ALL, a, v);
            case OR -> (int) I32.getAndBitwiseOr(Memory.ALL, a, v);
            case AND -> (int) I32.getAndBitwiseAnd(Memory.ALL, a, v);
            case XOR -> (int) I32.getAndBitwiseXor(Memory.ALL, a, v);
            case XCHG & ~FETCH -> (int) I32.getAndSet(Memory.ALL, a, v);
            case CMPXCHG & ~FETCH -> {
              r[0] = (int) I32.compareAndExchange(Memory.ALL, a, (int) r[0], v) & 0xffffffffL;
              yield 0;
            }
            default -> throw new ExecutionException(pc, "unknown atomic operation " + aop);
          };
      if ((aop & FETCH) != 0 && aop != CMPXCHG) {
        r[s] = old & 0xffffffffL;
      }
    }
  }
}
