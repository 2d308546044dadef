package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

/**
 * The arithmetic half of the {@link Asm} builder: 64- and 32-bit ALU operations and byte
 * swaps. Package-private; its methods are used through {@code Asm}.
 */
abstract sealed class AsmArith permits Asm {
  AsmArith() {}

  /** Appends one instruction. */
  abstract Asm emit(int op, Reg dst, Reg src, int off, long imm);

  private Asm alu(int cls, int code, Reg dst, Reg src, int off) {
    return emit(cls | code | X, dst, src, off, 0);
  }

  private Asm alu(int cls, int code, Reg dst, int imm, int off) {
    return emit(cls | code | K, dst, Reg.R0, off, imm);
  }

  // ---- 64-bit arithmetic ----
  /** {@code dst += src}. */
  public Asm add(Reg d, Reg s) {
    return alu(ALU64, ADD, d, s, 0);
  }

  /** {@code dst += imm}. */
  public Asm add(Reg d, int i) {
    return alu(ALU64, ADD, d, i, 0);
  }

  /** {@code dst -= src}. */
  public Asm sub(Reg d, Reg s) {
    return alu(ALU64, SUB, d, s, 0);
  }

  /** {@code dst -= imm}. */
  public Asm sub(Reg d, int i) {
    return alu(ALU64, SUB, d, i, 0);
  }

  /** {@code dst *= src}. */
  public Asm mul(Reg d, Reg s) {
    return alu(ALU64, MUL, d, s, 0);
  }

  /** {@code dst *= imm}. */
  public Asm mul(Reg d, int i) {
    return alu(ALU64, MUL, d, i, 0);
  }

  /** Unsigned {@code dst /= src}. */
  public Asm div(Reg d, Reg s) {
    return alu(ALU64, DIV, d, s, 0);
  }

  /** Unsigned {@code dst /= imm}. */
  public Asm div(Reg d, int i) {
    return alu(ALU64, DIV, d, i, 0);
  }

  /** Signed {@code dst /= src}. */
  public Asm sdiv(Reg d, Reg s) {
    return alu(ALU64, DIV, d, s, 1);
  }

  /** Signed {@code dst /= imm}. */
  public Asm sdiv(Reg d, int i) {
    return alu(ALU64, DIV, d, i, 1);
  }

  /** Unsigned {@code dst %= src}. */
  public Asm mod(Reg d, Reg s) {
    return alu(ALU64, MOD, d, s, 0);
  }

  /** Unsigned {@code dst %= imm}. */
  public Asm mod(Reg d, int i) {
    return alu(ALU64, MOD, d, i, 0);
  }

  /** Signed {@code dst %= src}. */
  public Asm smod(Reg d, Reg s) {
    return alu(ALU64, MOD, d, s, 1);
  }

  /** Signed {@code dst %= imm}. */
  public Asm smod(Reg d, int i) {
    return alu(ALU64, MOD, d, i, 1);
  }

  /** {@code dst |= src}. */
  public Asm or(Reg d, Reg s) {
    return alu(ALU64, OR, d, s, 0);
  }

  /** {@code dst |= imm}. */
  public Asm or(Reg d, int i) {
    return alu(ALU64, OR, d, i, 0);
  }

  /** {@code dst &= src}. */
  public Asm and(Reg d, Reg s) {
    return alu(ALU64, AND, d, s, 0);
  }

  /** {@code dst &= imm}. */
  public Asm and(Reg d, int i) {
    return alu(ALU64, AND, d, i, 0);
  }

  /** {@code dst ^= src}. */
  public Asm xor(Reg d, Reg s) {
    return alu(ALU64, XOR, d, s, 0);
  }

  /** {@code dst ^= imm}. */
  public Asm xor(Reg d, int i) {
    return alu(ALU64, XOR, d, i, 0);
  }

  /** {@code dst <<= src}. */
  public Asm lsh(Reg d, Reg s) {
    return alu(ALU64, LSH, d, s, 0);
  }

  /** {@code dst <<= imm}. */
  public Asm lsh(Reg d, int i) {
    return alu(ALU64, LSH, d, i, 0);
  }

  /** Logical {@code dst >>= src}. */
  public Asm rsh(Reg d, Reg s) {
    return alu(ALU64, RSH, d, s, 0);
  }

  /** Logical {@code dst >>= imm}. */
  public Asm rsh(Reg d, int i) {
    return alu(ALU64, RSH, d, i, 0);
  }

  /** Arithmetic {@code dst >>= src}. */
  public Asm arsh(Reg d, Reg s) {
    return alu(ALU64, ARSH, d, s, 0);
  }

  /** Arithmetic {@code dst >>= imm}. */
  public Asm arsh(Reg d, int i) {
    return alu(ALU64, ARSH, d, i, 0);
  }

  /** {@code dst = src}. */
  public Asm mov(Reg d, Reg s) {
    return alu(ALU64, MOV, d, s, 0);
  }

  /** {@code dst = imm}, sign-extended. */
  public Asm mov(Reg d, int i) {
    return alu(ALU64, MOV, d, i, 0);
  }

  /** {@code dst = -dst}. */
  public Asm neg(Reg d) {
    return emit(ALU64 | NEG, d, Reg.R0, 0, 0);
  }

  /** {@code dst = (s8/s16/s32) src}: {@code movsx}, width 8, 16 or 32. */
  public Asm movsx(Reg d, Reg s, int width) {
    return alu(ALU64, MOV, d, s, width);
  }

  // ---- 32-bit arithmetic (the result is zero-extended) ----
  /** {@code w_dst += w_src}. */
  public Asm add32(Reg d, Reg s) {
    return alu(ALU, ADD, d, s, 0);
  }

  /** {@code w_dst += imm}. */
  public Asm add32(Reg d, int i) {
    return alu(ALU, ADD, d, i, 0);
  }

  /** {@code w_dst -= w_src}. */
  public Asm sub32(Reg d, Reg s) {
    return alu(ALU, SUB, d, s, 0);
  }

  /** {@code w_dst -= imm}. */
  public Asm sub32(Reg d, int i) {
    return alu(ALU, SUB, d, i, 0);
  }

  /** {@code w_dst *= w_src}. */
  public Asm mul32(Reg d, Reg s) {
    return alu(ALU, MUL, d, s, 0);
  }

  /** {@code w_dst *= imm}. */
  public Asm mul32(Reg d, int i) {
    return alu(ALU, MUL, d, i, 0);
  }

  /** Unsigned 32-bit division. */
  public Asm div32(Reg d, Reg s) {
    return alu(ALU, DIV, d, s, 0);
  }

  /** Unsigned 32-bit division. */
  public Asm div32(Reg d, int i) {
    return alu(ALU, DIV, d, i, 0);
  }

  /** Signed 32-bit division. */
  public Asm sdiv32(Reg d, Reg s) {
    return alu(ALU, DIV, d, s, 1);
  }

  /** Signed 32-bit division. */
  public Asm sdiv32(Reg d, int i) {
    return alu(ALU, DIV, d, i, 1);
  }

  /** Unsigned 32-bit modulo. */
  public Asm mod32(Reg d, Reg s) {
    return alu(ALU, MOD, d, s, 0);
  }

  /** Unsigned 32-bit modulo. */
  public Asm mod32(Reg d, int i) {
    return alu(ALU, MOD, d, i, 0);
  }

  /** Signed 32-bit modulo. */
  public Asm smod32(Reg d, Reg s) {
    return alu(ALU, MOD, d, s, 1);
  }

  /** Signed 32-bit modulo. */
  public Asm smod32(Reg d, int i) {
    return alu(ALU, MOD, d, i, 1);
  }

  /** {@code w_dst |= w_src}. */
  public Asm or32(Reg d, Reg s) {
    return alu(ALU, OR, d, s, 0);
  }

  /** {@code w_dst |= imm}. */
  public Asm or32(Reg d, int i) {
    return alu(ALU, OR, d, i, 0);
  }

  /** {@code w_dst &= w_src}. */
  public Asm and32(Reg d, Reg s) {
    return alu(ALU, AND, d, s, 0);
  }

  /** {@code w_dst &= imm}. */
  public Asm and32(Reg d, int i) {
    return alu(ALU, AND, d, i, 0);
  }

  /** {@code w_dst ^= w_src}. */
  public Asm xor32(Reg d, Reg s) {
    return alu(ALU, XOR, d, s, 0);
  }

  /** {@code w_dst ^= imm}. */
  public Asm xor32(Reg d, int i) {
    return alu(ALU, XOR, d, i, 0);
  }

  /** {@code w_dst <<= w_src}. */
  public Asm lsh32(Reg d, Reg s) {
    return alu(ALU, LSH, d, s, 0);
  }

  /** {@code w_dst <<= imm}. */
  public Asm lsh32(Reg d, int i) {
    return alu(ALU, LSH, d, i, 0);
  }

  /** Logical 32-bit right shift. */
  public Asm rsh32(Reg d, Reg s) {
    return alu(ALU, RSH, d, s, 0);
  }

  /** Logical 32-bit right shift. */
  public Asm rsh32(Reg d, int i) {
    return alu(ALU, RSH, d, i, 0);
  }

  /** Arithmetic 32-bit right shift. */
  public Asm arsh32(Reg d, Reg s) {
    return alu(ALU, ARSH, d, s, 0);
  }

  /** Arithmetic 32-bit right shift. */
  public Asm arsh32(Reg d, int i) {
    return alu(ALU, ARSH, d, i, 0);
  }

  /** {@code w_dst = w_src}. */
  public Asm mov32(Reg d, Reg s) {
    return alu(ALU, MOV, d, s, 0);
  }

  /** {@code w_dst = imm}. */
  public Asm mov32(Reg d, int i) {
    return alu(ALU, MOV, d, i, 0);
  }

  /** {@code w_dst = -w_dst}. */
  public Asm neg32(Reg d) {
    return emit(ALU | NEG, d, Reg.R0, 0, 0);
  }

  /** {@code w_dst = (s8/s16) w_src}: 32-bit {@code movsx}, width 8 or 16. */
  public Asm movsx32(Reg d, Reg s, int width) {
    return alu(ALU, MOV, d, s, width);
  }

  // ---- byte swaps, width 16, 32 or 64 ----
  /** Converts to little endian. */
  public Asm le(Reg d, int width) {
    return emit(ALU | END | TO_LE, d, Reg.R0, 0, width);
  }

  /** Converts to big endian. */
  public Asm be(Reg d, int width) {
    return emit(ALU | END | TO_BE, d, Reg.R0, 0, width);
  }

  /** Swaps unconditionally (v4). */
  public Asm bswap(Reg d, int width) {
    return emit(ALU64 | END, d, Reg.R0, 0, width);
  }
}
