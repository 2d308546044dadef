package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;

/** Arithmetic on known constants, with RFC 9669's semantics (division by zero gives 0). */
final class Concrete {
  private Concrete() {}

  /** {@code a OP b}, or null for an operation not computed here. */
  static Long alu(int code, boolean alu64, int off, long a, long b) {
    if (!alu64) {
      a &= Reg.U32_MAX;
      b &= Reg.U32_MAX;
    }
    long r;
    switch (code) {
      case ADD -> r = a + b;
      case SUB -> r = a - b;
      case MUL -> r = a * b;
      case AND -> r = a & b;
      case OR -> r = a | b;
      case XOR -> r = a ^ b;
      case MOV -> r = b;
      case LSH -> r = alu64 ? a << (b & 63) : a << (b & 31);
      case RSH -> r = alu64 ? a >>> (b & 63) : (a & Reg.U32_MAX) >>> (b & 31);
      case ARSH -> r = alu64 ? a >> (b & 63) : (long) ((int) a >> (b & 31));
      case NEG -> r = -a;
      case DIV -> {
        if (alu64) {
          r = b == 0 ? 0 : off == 1 ? (b == -1 ? -a : a / b) : Long.divideUnsigned(a, b);
        } else {
          int x = (int) a;
          int y = (int) b;
          r = y == 0 ? 0 : off == 1 ? (y == -1 ? -x : x / y) : Integer.divideUnsigned(x, y);
        }
      }
      case MOD -> {
        if (alu64) {
          r = b == 0 ? a : off == 1 ? (b == -1 ? 0 : a % b) : Long.remainderUnsigned(a, b);
        } else {
          int x = (int) a;
          int y = (int) b;
          r = y == 0 ? x : off == 1 ? (y == -1 ? 0 : x % y) : Integer.remainderUnsigned(x, y);
        }
      }
      default -> {
        return null;
      }
    }
    return alu64 ? r : r & Reg.U32_MAX;
  }

  /** Whether {@code a OP b} holds for a conditional jump code. */
  static boolean cond(int code, boolean jmp32, long a, long b) {
    if (jmp32) {
      a = (int) a;
      b = (int) b;
      if (code == JGT || code == JGE || code == JLT || code == JLE || code == JSET
          || code == JEQ || code == JNE) {
        a &= Reg.U32_MAX;
        b &= Reg.U32_MAX;
      }
    }
    return switch (code) {
      case JEQ -> a == b;
      case JNE -> a != b;
      case JGT -> Long.compareUnsigned(a, b) > 0;
      case JGE -> Long.compareUnsigned(a, b) >= 0;
      case JLT -> Long.compareUnsigned(a, b) < 0;
      case JLE -> Long.compareUnsigned(a, b) <= 0;
      case JSGT -> a > b;
      case JSGE -> a >= b;
      case JSLT -> a < b;
      case JSLE -> a <= b;
      case JSET -> (a & b) != 0;
      default -> throw new IllegalArgumentException("jump code " + code);
    };
  }
}
