package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;

/** Emits one instruction by handing it to the emitter of its class. */
final class InsnEmitter {
  private InsnEmitter() {}

  static void emit(MethodEmitter m, Insn in, int i) {
    switch (in.cls()) {
      case ALU, ALU64 -> AluEmitter.emit(m, in);
      case LD -> {
        // lddw: the only LD instruction the layout lets through
        m.lconst(in.imm());
        m.store(in.dst());
      }
      case LDX, ST, STX -> MemEmitter.emit(m, in);
      case JMP, JMP32 -> {
        if (in.isCall()) {
          CallEmitter.emit(m, in, i);
        } else if (in.isExit()) {
          m.exit();
        } else {
          JumpEmitter.emit(m, in, m.layout.target[i]);
        }
      }
      default -> throw m.layout.error(i, "cannot compile opcode " + in.opcode());
    }
  }
}
