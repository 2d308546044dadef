package io.bpf4j.kernel;

import io.bpf4j.isa.Insn;

/** Tiny instruction builders for kernel tests. */
final class I {
  private I() {}

  static Insn mov(int dst, int imm) {
    return Insn.of(0xb7, dst, 0, 0, imm);
  }

  static Insn movReg(int dst, int src) {
    return Insn.of(0xbf, dst, src, 0, 0);
  }

  static Insn add(int dst, int imm) {
    return Insn.of(0x07, dst, 0, 0, imm);
  }

  static Insn ldxw(int dst, int src, int off) {
    return Insn.of(0x61, dst, src, off, 0);
  }

  static Insn ldxdw(int dst, int src, int off) {
    return Insn.of(0x79, dst, src, off, 0);
  }

  static Insn ldxb(int dst, int src, int off) {
    return Insn.of(0x71, dst, src, off, 0);
  }

  static Insn stw(int dst, int off, int imm) {
    return Insn.of(0x62, dst, 0, off, imm);
  }

  static Insn stxdw(int dst, int src, int off) {
    return Insn.of(0x7b, dst, src, off, 0);
  }

  static Insn stxw(int dst, int src, int off) {
    return Insn.of(0x63, dst, src, off, 0);
  }

  static Insn atomicAdd64(int dst, int src, int off) {
    return Insn.of(0xdb, dst, src, off, 0);
  }

  static Insn call(int helper) {
    return Insn.of(0x85, 0, 0, 0, helper);
  }

  static Insn jeq(int dst, int imm, int off) {
    return Insn.of(0x15, dst, 0, off, imm);
  }

  static Insn jgtReg(int dst, int src, int off) {
    return Insn.of(0x2d, dst, src, off, 0);
  }

  static Insn exit() {
    return Insn.of(0x95, 0, 0, 0, 0);
  }
}
