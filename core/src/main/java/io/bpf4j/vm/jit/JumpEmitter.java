package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static java.lang.constant.ConstantDescs.*;

import io.bpf4j.isa.Insn;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
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
    boolean wide = in.cls() == JMP;
    int code = code(in.opcode());
    boolean reg = source(in.opcode()) == X;
    boolean unsigned = code == JGT || code == JGE || code == JLT || code == JLE;
    if (wide && unsigned) {
      // unsigned as signed with both sides offset by 2^63: C2 turns it into one unsigned compare
      m.load(in.dst());
      m.lconst(Long.MIN_VALUE);
      cob.ladd();
      if (reg) {
        m.load(in.src());
        m.lconst(Long.MIN_VALUE);
        cob.ladd();
      } else {
        m.lconst(in.imm() + Long.MIN_VALUE);
      }
      cob.lcmp();
      switch (code) {
        case JGT -> cob.ifgt(to);
        case JGE -> cob.ifge(to);
        case JLT -> cob.iflt(to);
        default -> cob.ifle(to);
      }
      return;
    }
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
      cob.ifne(to);
      return;
    }
    if (wide) {
      if (unsigned) {
        cob.invokestatic(CD_Long, "compareUnsigned", MethodTypeDesc.of(CD_int, CD_long, CD_long));
      } else {
        cob.lcmp();
      }
      switch (code) {
        case JEQ -> cob.ifeq(to);
        case JNE -> cob.ifne(to);
        case JGT, JSGT -> cob.ifgt(to);
        case JGE, JSGE -> cob.ifge(to);
        case JLT, JSLT -> cob.iflt(to);
        case JLE, JSLE -> cob.ifle(to);
        default -> throw new IllegalStateException("jump code " + code);
      }
      return;
    }
    if (unsigned) {
      cob.invokestatic(CD_Integer, "compareUnsigned", MethodTypeDesc.of(CD_int, CD_int, CD_int));
      switch (code) {
        case JGT -> cob.ifgt(to);
        case JGE -> cob.ifge(to);
        case JLT -> cob.iflt(to);
        default -> cob.ifle(to);
      }
      return;
    }
    switch (code) {
      case JEQ -> cob.if_icmpeq(to);
      case JNE -> cob.if_icmpne(to);
      case JSGT -> cob.if_icmpgt(to);
      case JSGE -> cob.if_icmpge(to);
      case JSLT -> cob.if_icmplt(to);
      case JSLE -> cob.if_icmple(to);
      default -> throw new IllegalStateException("jump code " + code);
    }
  }
}
