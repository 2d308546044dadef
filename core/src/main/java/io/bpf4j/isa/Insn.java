package io.bpf4j.isa;

import static io.bpf4j.isa.Opcodes.*;

/**
 * One eBPF instruction, as RFC 9669 defines it: an opcode, two registers, a signed 16-bit
 * offset and a constant.
 *
 * <pre>
 *  +--------+----+----+--------+----------------+
 *  | opcode |src |dst | offset |   immediate    |    one 8-byte slot
 *  +--------+----+----+--------+----------------+
 *   8 bits   4    4    16 bits      32 bits          (little-endian: dst in the low nibble)
 * </pre>
 *
 * <p>The 64-bit immediate load ({@code lddw}, opcode 0x18) occupies two slots; here it is one
 * {@code Insn} whose {@link #imm()} holds the whole 64-bit constant (low half from the first
 * slot, high half from the second) and whose {@link #slots()} is 2. Every other instruction
 * has an {@code imm} that is a sign-extended 32-bit value.
 *
 * <p>Jump and call offsets count slots, as in the encoding: a jump at slot {@code i} with
 * offset {@code off} lands on slot {@code i + 1 + off}.
 *
 * @param opcode the opcode byte, 0..255
 * @param dst destination register, 0..15 in the encoding (0..10 are valid)
 * @param src source register or, for {@code lddw} and calls, a pseudo-source kind
 * @param offset signed 16-bit offset
 * @param imm the constant: signed 32-bit, or the full 64-bit value for {@code lddw}
 */
public record Insn(int opcode, int dst, int src, int offset, long imm) {

  /** Checks field ranges; the rules of which fields must be zero are {@link InsnCodec}'s. */
  public Insn {
    if (opcode < 0 || opcode > 0xff) {
      throw new IllegalArgumentException("opcode " + opcode + " (must be 0..255)");
    }
    if (dst < 0 || dst > 15) {
      throw new IllegalArgumentException("dst register " + dst + " (must be 0..15)");
    }
    if (src < 0 || src > 15) {
      throw new IllegalArgumentException("src register " + src + " (must be 0..15)");
    }
    if (offset < Short.MIN_VALUE || offset > Short.MAX_VALUE) {
      throw new IllegalArgumentException("offset " + offset + " (must fit in 16 bits)");
    }
    if (opcode != LDDW && (imm < Integer.MIN_VALUE || imm > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("immediate " + imm + " (must fit in 32 bits)");
    }
  }

  /** Creates an instruction. */
  public static Insn of(int opcode, int dst, int src, int offset, long imm) {
    return new Insn(opcode, dst, src, offset, imm);
  }

  /** Number of 8-byte slots: 2 for {@code lddw}, else 1. */
  public int slots() {
    return opcode == LDDW ? 2 : 1;
  }

  /** The class, {@code opcode & 7}. */
  public int cls() {
    return opcode & 0x07;
  }

  /** The immediate as a 32-bit value (the low half for {@code lddw}). */
  public int imm32() {
    return (int) imm;
  }

  /** True for {@code lddw}. */
  public boolean isLddw() {
    return opcode == LDDW;
  }

  /** True for {@code exit}. */
  public boolean isExit() {
    return opcode == (JMP | EXIT);
  }

  /** True for a call of any kind (helper, local, kfunc, callx). */
  public boolean isCall() {
    return opcode == (JMP | CALL) || opcode == (JMP | CALL | X);
  }

  /** True for a bpf-to-bpf call ({@code call} with source {@link Opcodes#CALL_LOCAL}). */
  public boolean isLocalCall() {
    return opcode == (JMP | CALL) && src == CALL_LOCAL;
  }

  /** True for a helper call ({@code call} with source 0). */
  public boolean isHelperCall() {
    return opcode == (JMP | CALL) && src == CALL_HELPER;
  }

  /**
   * True for an instruction that may jump: conditional and unconditional jumps (not calls or
   * exit).
   */
  public boolean isBranch() {
    int c = cls();
    if (c != JMP && c != JMP32) {
      return false;
    }
    int code = opcode & 0xf0;
    return code != CALL && code != EXIT;
  }

  /** True for an unconditional jump: {@code ja} (JMP) or {@code gotol} (JMP32). */
  public boolean isUnconditionalJump() {
    return opcode == (JMP | JA) || opcode == (JMP32 | JA);
  }

  /**
   * The relative target of a branch, in slots from the next instruction: the immediate for
   * {@code gotol} (JMP32 JA), the offset otherwise.
   */
  public int branchOffset() {
    return opcode == (JMP32 | JA) ? (int) imm : offset;
  }

  /** A copy with another offset. */
  public Insn withOffset(int newOffset) {
    return new Insn(opcode, dst, src, newOffset, imm);
  }

  /** A copy with another immediate. */
  public Insn withImm(long newImm) {
    return new Insn(opcode, dst, src, offset, newImm);
  }

  /** A copy with another source field. */
  public Insn withSrc(int newSrc) {
    return new Insn(opcode, dst, src == newSrc ? src : newSrc, offset, imm);
  }

  /**
   * The instruction in the syntax of {@code llvm-objdump -d} ({@code r0 = *(u32 *)(r1 +
   * 0x4)}); an invalid encoding shows its fields.
   */
  @Override
  public String toString() {
    if (InsnCodec.problem(this) != null) {
      return String.format(
          "<unknown op=0x%02x dst=%d src=%d off=%d imm=%d>", opcode, dst, src, offset, imm);
    }
    return Disassembler.llvm().format(this);
  }
}
