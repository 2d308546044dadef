package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static java.lang.constant.ConstantDescs.*;

import io.bpf4j.isa.Insn;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Jumps: {@code ja}/{@code gotol} are {@code goto}; conditional jumps compare 64-bit
 * ({@code JMP}) or 32-bit ({@code JMP32}) operands, signed with {@code lcmp}/{@code if_icmp},
 * unsigned with {@code Long.compareUnsigned}/{@code Integer.compareUnsigned} (HotSpot
 * intrinsics), and {@code jset} tests {@code dst & src}.
 */
final class JumpEmitter {
  private JumpEmitter() {}

  private static final ClassDesc CD_Long = ClassDesc.of("java.lang.Long");
  private static final ClassDesc CD_Integer = ClassDesc.of("java.lang.Integer");

  static void emit(MethodEmitter m, Insn in, int target) {
    CodeBuilder cob = m.cob;
    Label to = m.target(target);
    if (in.isUnconditionalJump()) {
      cob.goto_(to);
      return;
    }
    boolean back = m.backward(target);
    boolean wide = in.cls() == JMP;
    int code = code(in.opcode());
    boolean reg = source(in.opcode()) == X;
    boolean unsigned = code == JGT || code == JGE || code == JLT || code == JLE;
    m.load(in.dst());
    if (!wide) {
      cob.l2i();
    }
    if (reg) {
      m.load(in.src());
      if (!wide) {
        cob.l2i();
      }
    } else if (wide) {
      m.lconst(in.imm());
    } else {
      m.iconst(in.imm32());
    }
    if (code == JSET) {
      if (wide) {
        cob.land();
        cob.lconst_0();
        cob.lcmp();
      } else {
        cob.iand();
      }
      branch(cob, Opcode.IFNE, to, back);
      return;
    }
    if (wide) {
      if (unsigned) {
        cob.invokestatic(CD_Long, "compareUnsigned", MethodTypeDesc.of(CD_int, CD_long, CD_long));
      } else {
        cob.lcmp();
      }
      switch (code) {
        case JEQ -> branch(cob, Opcode.IFEQ, to, back);
        case JNE -> branch(cob, Opcode.IFNE, to, back);
        case JGT, JSGT -> branch(cob, Opcode.IFGT, to, back);
        case JGE, JSGE -> branch(cob, Opcode.IFGE, to, back);
        case JLT, JSLT -> branch(cob, Opcode.IFLT, to, back);
        case JLE, JSLE -> branch(cob, Opcode.IFLE, to, back);
        default -> throw new IllegalStateException("jump code " + code);
      }
      return;
    }
    if (unsigned) {
      cob.invokestatic(CD_Integer, "compareUnsigned", MethodTypeDesc.of(CD_int, CD_int, CD_int));
      switch (code) {
        case JGT -> branch(cob, Opcode.IFGT, to, back);
        case JGE -> branch(cob, Opcode.IFGE, to, back);
        case JLT -> branch(cob, Opcode.IFLT, to, back);
        default -> branch(cob, Opcode.IFLE, to, back);
      }
      return;
    }
    switch (code) {
      case JEQ -> branch(cob, Opcode.IF_ICMPEQ, to, back);
      case JNE -> branch(cob, Opcode.IF_ICMPNE, to, back);
      case JSGT -> branch(cob, Opcode.IF_ICMPGT, to, back);
      case JSGE -> branch(cob, Opcode.IF_ICMPGE, to, back);
      case JSLT -> branch(cob, Opcode.IF_ICMPLT, to, back);
      case JSLE -> branch(cob, Opcode.IF_ICMPLE, to, back);
      default -> throw new IllegalStateException("jump code " + code);
    }
  }

  /**
   * A conditional branch. A backward one becomes the inverted test around a {@code goto}: the
   * loop's back edge is then a {@code goto} with an empty operand stack, so the safepoint that
   * C2 puts on back edges does not keep the {@code lcmp} result alive (materialized as -1/0/1
   * in every iteration) for a possible re-execution of the branch.
   */
  private static void branch(CodeBuilder cob, Opcode op, Label to, boolean back) {
    if (!back) {
      cob.branch(op, to);
      return;
    }
    Label skip = cob.newLabel();
    cob.branch(invert(op), skip);
    cob.goto_(to);
    cob.labelBinding(skip);
  }

  private static Opcode invert(Opcode op) {
    return switch (op) {
      case IFEQ -> Opcode.IFNE;
      case IFNE -> Opcode.IFEQ;
      case IFLT -> Opcode.IFGE;
      case IFGE -> Opcode.IFLT;
      case IFGT -> Opcode.IFLE;
      case IFLE -> Opcode.IFGT;
      case IF_ICMPEQ -> Opcode.IF_ICMPNE;
      case IF_ICMPNE -> Opcode.IF_ICMPEQ;
      case IF_ICMPLT -> Opcode.IF_ICMPGE;
      case IF_ICMPGE -> Opcode.IF_ICMPLT;
      case IF_ICMPGT -> Opcode.IF_ICMPLE;
      case IF_ICMPLE -> Opcode.IF_ICMPGT;
      default -> throw new IllegalStateException("branch " + op);
    };
  }
}
