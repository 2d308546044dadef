package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;

/** A few instruction builders for JIT tests (the project's assembler lives in isa). */
final class P {
  private P() {}

  static Insn alu64(int code, int dst, long imm) {
    return Insn.of(ALU64 | code | K, dst, 0, 0, imm);
  }

  static Insn alu64r(int code, int dst, int src) {
    return Insn.of(ALU64 | code | X, dst, src, 0, 0);
  }

  static Insn alu32(int code, int dst, long imm) {
    return Insn.of(ALU | code | K, dst, 0, 0, imm);
  }

  static Insn mov(int dst, long imm) {
    return alu64(MOV, dst, imm);
  }

  static Insn movr(int dst, int src) {
    return alu64r(MOV, dst, src);
  }

  static Insn lddw(int dst, long imm) {
    return Insn.of(LDDW, dst, 0, 0, imm);
  }

  static Insn jmp(int code, int dst, long imm, int off) {
    return Insn.of(JMP | code | K, dst, 0, off, imm);
  }

  static Insn jmpr(int code, int dst, int src, int off) {
    return Insn.of(JMP | code | X, dst, src, off, 0);
  }

  static Insn ja(int off) {
    return Insn.of(JMP | JA, 0, 0, off, 0);
  }

  static Insn ldx(int size, int dst, int src, int off) {
    return Insn.of(LDX | MEM | size, dst, src, off, 0);
  }

  static Insn stx(int size, int dst, int src, int off) {
    return Insn.of(STX | MEM | size, dst, src, off, 0);
  }

  static Insn st(int size, int dst, int off, long imm) {
    return Insn.of(ST | MEM | size, dst, 0, off, imm);
  }

  static Insn call(int helper) {
    return Insn.of(JMP | CALL, 0, CALL_HELPER, 0, helper);
  }

  static Insn callLocal(int rel) {
    return Insn.of(JMP | CALL, 0, CALL_LOCAL, 0, rel);
  }

  static Insn exit() {
    return Insn.of(JMP | EXIT, 0, 0, 0, 0);
  }
}
