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

  /**
   * Whether a counted loop's exit test is emitted as its own backward branch: only with {@code
   * -Dbpf4j.jit.countedLoops=true} (read at compile time). C2 then counts the stack sort's
   * inner loop (unrolled, no safepoint poll), but the sort's median got about 8 % slower, its
   * best rounds 9 % faster (docs/PERFORMANCE.md, JIT, "The verifier's facts"), so the inverted
   * form stays the default.
   */
  private static final java.util.function.BooleanSupplier COUNTED_LOOPS =
      () -> "true".equals(System.getProperty("bpf4j.jit.countedLoops"));

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
    if (unsigned && signedAgrees(m, in, wide, reg)) {
      // both operands non-negative (the verifier's facts): the signed compare is the same
      code = switch (code) {
        case JGT -> JSGT;
        case JGE -> JSGE;
        case JLT -> JSLT;
        default -> JSLE;
      };
      unsigned = false;
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
      branch(cob, Opcode.IFNE, to, back);
      return;
    }
    if (wide) {
      if (unsigned) {
        cob.invokestatic(CD_Long, "compareUnsigned", MethodTypeDesc.of(CD_int, CD_long, CD_long));
      } else {
        cob.lcmp();
        if (back && code != JEQ && code != JNE && COUNTED_LOOPS.getAsBoolean()
            && countedLoopTest(m, in, target, reg)) {
          back = false; // C2 counts the loop only when the back edge is the test's own branch
        }
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
   * True when the verifier proved both operands of an unsigned compare non-negative before it
   * (64-bit: as longs; 32-bit: their low halves as ints), so that the signed compare agrees.
   */
  private static boolean signedAgrees(MethodEmitter m, Insn in, boolean wide, boolean reg) {
    Layout l = m.layout;
    int i = m.pc;
    if (wide) {
      return l.nonNegative(i, in.dst()) && (reg ? l.nonNegative(i, in.src()) : in.imm32() >= 0);
    }
    return l.nonNegative32(i, in.dst()) && (reg ? l.nonNegative32(i, in.src()) : in.imm32() >= 0);
  }

  /**
   * True when the backward signed 64-bit jump at the current instruction looks like a counted
   * loop's exit test to C2: in the loop it closes (the code emitted from its target to it), one
   * operand is written exactly once, by adding or subtracting a constant, and the other (a
   * register, or the constant) is not written, and there are no calls. Such a jump is emitted
   * as the test's own backward branch, as javac emits a loop's test, and not as the inverted
   * test around a {@code goto} ("Code layout" in docs/jit.md): C2 makes a loop a counted one
   * only when its back edge leaves the exit test directly, and then removes the safepoint that
   * made the inverted form pay.
   */
  static boolean countedLoopTest(MethodEmitter m, Insn jump, int target, boolean reg) {
    int a = jump.dst();
    int b = reg ? jump.src() : -1;
    int writesA = 0;
    int writesB = 0;
    boolean stepA = false;
    boolean stepB = false;
    for (int i : m.emittedSince(target)) {
      Insn x = m.layout.insns.get(i);
      if (x.isCall()) {
        return false;
      }
      int w = written(x);
      boolean step = x.cls() == ALU64 && source(x.opcode()) == K
          && (code(x.opcode()) == ADD || code(x.opcode()) == SUB);
      if ((w & (1 << a)) != 0) {
        writesA++;
        stepA = step;
      }
      if (b >= 0 && (w & (1 << b)) != 0) {
        writesB++;
        stepB = step;
      }
    }
    return writesA == 1 && stepA && writesB == 0 || b >= 0 && writesB == 1 && stepB && writesA == 0;
  }

  /** The registers an instruction writes (calls aside), as a bit mask. */
  private static int written(Insn x) {
    return switch (x.cls()) {
      case ALU, ALU64, LDX, LD -> 1 << x.dst();
      case STX -> mode(x.opcode()) == ATOMIC && (x.imm32() & FETCH) != 0
          ? (x.imm32() == CMPXCHG ? 1 : 1 << x.src()) : 0;
      default -> 0;
    };
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
