package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import java.util.Arrays;

/**
 * Which registers hold values below 2^32 (upper half zero) before each instruction, on every
 * path: a forward data-flow analysis over each function, with no register known at a
 * function's entry, joined with what the verifier proved ({@code RangeFacts#narrow}, when the
 * program was compiled with its facts). A register becomes narrow by a 32-bit operation (all zero-extend), a load
 * of 1, 2 or 4 bytes, a 64-bit move of a non-negative 32-bit constant, a right shift by 32 or
 * more, an {@code and} with a narrow operand; it stays narrow through operations that cannot
 * grow it (unsigned division and modulo, right shifts, {@code or}/{@code xor} of two narrow
 * values). Calls leave r0..r5 unknown.
 *
 * <p>The JIT uses it for 64-bit division and modulo of narrow registers, which clang emits for
 * 32-bit C arithmetic ({@code u32 % u32} zero-extended into 64-bit registers): they become the
 * 32-bit unsigned operation, which x86 divides faster and which needs none of the run-time
 * tests of the general path.
 */
final class Narrow {
  private Narrow() {}

  private static final int ALL = (1 << REGISTER_COUNT) - 1;

  /** The narrow registers before each instruction, as bit masks (bit r for register r). */
  static int[] analyze(Layout layout) {
    int n = layout.insns.size();
    int[] in = new int[n];
    Arrays.fill(in, ALL);
    int[] work = new int[n];
    boolean[] queued = new boolean[n];
    int top = 0;
    for (Layout.Fn fn : layout.fns) {
      in[fn.start] = 0;
      work[top++] = fn.start;
      queued[fn.start] = true;
    }
    while (top > 0) {
      int i = work[--top];
      queued[i] = false;
      Insn insn = layout.insns.get(i);
      int out = transfer(insn, in[i] | layout.factsNarrow(i));
      int end = layout.fns[layout.fnOf(i)].end;
      if (insn.isBranch()) {
        int t = layout.target[i];
        if ((in[t] & out) != in[t]) {
          in[t] &= out;
          if (!queued[t]) {
            queued[t] = true;
            work[top++] = t;
          }
        }
      }
      boolean falls = !insn.isExit() && !insn.isUnconditionalJump();
      if (falls && i + 1 < end && (in[i + 1] & out) != in[i + 1]) {
        in[i + 1] &= out;
        if (!queued[i + 1]) {
          queued[i + 1] = true;
          work[top++] = i + 1;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      in[i] |= layout.factsNarrow(i);
    }
    return in;
  }

  private static boolean narrowConst(long v) {
    return v >= 0 && v <= 0xffffffffL;
  }

  /** The narrow registers after {@code in}, given those before. */
  static int transfer(Insn in, int mask) {
    int dst = in.dst();
    int d = 1 << dst;
    boolean dstNarrow = (mask & d) != 0;
    boolean reg = source(in.opcode()) == X;
    boolean srcNarrow = (mask & (1 << in.src())) != 0;
    boolean result;
    switch (in.cls()) {
      case ALU -> result = code(in.opcode()) != END || in.imm32() != 64;
      case ALU64 -> {
        result = switch (code(in.opcode())) {
          case MOV -> reg ? in.offset() == 0 && srcNarrow : narrowConst(in.imm());
          case AND -> dstNarrow || (reg ? srcNarrow : narrowConst(in.imm()));
          case OR, XOR -> dstNarrow && (reg ? srcNarrow : narrowConst(in.imm()));
          case RSH -> dstNarrow || (!reg && (in.imm32() & 63) >= 32);
          case ARSH -> dstNarrow;
          case DIV -> dstNarrow && (in.offset() == 0 || (reg ? srcNarrow : in.imm() >= 0));
          case MOD -> dstNarrow; // |x % y| <= |x|, with the sign of x when signed
          case END -> in.imm32() != 64;
          default -> false; // add, sub, mul, lsh, neg
        };
      }
      case LD -> result = narrowConst(in.imm()); // lddw
      case LDX -> result = mode(in.opcode()) != MEMSX && size(in.opcode()) != DW;
      case STX -> {
        if (mode(in.opcode()) != ATOMIC || (in.imm32() & FETCH) == 0) {
          return mask;
        }
        // a fetching atomic writes the old value: zero-extended in 32 bits
        int written = in.imm32() == CMPXCHG ? 1 : 1 << in.src();
        return size(in.opcode()) == DW ? mask & ~written : mask | written;
      }
      case JMP, JMP32 -> {
        return in.isCall() ? mask & ~0x3f : mask; // calls: r0..r5 unknown
      }
      default -> {
        return mask; // ST
      }
    }
    return result ? mask | d : mask & ~d;
  }
}
