package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import java.util.List;

/** Tiny instruction constructors for the VM tests (the Asm DSL lives in package isa). */
final class P {
  private P() {}

  static Insn mov(int dst, long imm) {
    return Insn.of(ALU64 | MOV | K, dst, 0, 0, imm);
  }

  static Insn movReg(int dst, int src) {
    return Insn.of(ALU64 | MOV | X, dst, src, 0, 0);
  }

  static Insn alu64(int code, int dst, int src) {
    return Insn.of(ALU64 | code | X, dst, src, 0, 0);
  }

  static Insn alu64Imm(int code, int dst, long imm) {
    return Insn.of(ALU64 | code | K, dst, 0, 0, imm);
  }

  static Insn alu32(int code, int dst, int src) {
    return Insn.of(ALU | code | X, dst, src, 0, 0);
  }

  static Insn lddw(int dst, long imm) {
    return Insn.of(LDDW, dst, 0, 0, imm);
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

  static Insn atomic(int size, int dst, int src, int off, int op) {
    return Insn.of(STX | ATOMIC | size, dst, src, off, op);
  }

  static Insn ja(int off) {
    return Insn.of(JMP | JA, 0, 0, off, 0);
  }

  static Insn jeqImm(int dst, long imm, int off) {
    return Insn.of(JMP | JEQ | K, dst, 0, off, imm);
  }

  static Insn jneImm(int dst, long imm, int off) {
    return Insn.of(JMP | JNE | K, dst, 0, off, imm);
  }

  static Insn call(int id) {
    return Insn.of(JMP | CALL, 0, CALL_HELPER, 0, id);
  }

  static Insn callLocal(int rel) {
    return Insn.of(JMP | CALL, 0, CALL_LOCAL, 0, rel);
  }

  static Insn callx(int reg) {
    return Insn.of(JMP | CALL | X, reg, 0, 0, 0);
  }

  static Insn exit() {
    return Insn.of(JMP | EXIT, 0, 0, 0, 0);
  }

  static Interpreter load(InterpreterOptions opts, Insn... insns) throws InvalidProgramException {
    return Interpreter.load(List.of(insns), ConformanceHelpers.table(), opts);
  }
}
