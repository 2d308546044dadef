package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static java.lang.constant.ConstantDescs.*;

import io.bpf4j.isa.Insn;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Arithmetic ({@code ALU}, {@code ALU64}) with the exact semantics of RFC 9669: 32-bit
 * operations work on the low halves and zero-extend the result; shift amounts are masked to
 * the width (the JVM's shifts do the same); division by zero gives 0 and modulo by zero leaves
 * the destination (its low half, zero-extended, in 32 bits); signed division of the minimum by
 * -1 gives the minimum and the modulo 0 (the JVM's {@code ldiv}/{@code lrem} do the same);
 * {@code movsx}; byte swaps. Unsigned 32-bit divisions whose result is only compared with zero
 * run on the floating-point divider ({@link JitRuntime#udiv32Fp}).
 */
final class AluEmitter {
  private AluEmitter() {}

  private static final ClassDesc CD_Long = ClassDesc.of("java.lang.Long");
  private static final ClassDesc CD_Integer = ClassDesc.of("java.lang.Integer");
  private static final ClassDesc CD_Short = ClassDesc.of("java.lang.Short");

  static void emit(MethodEmitter m, Insn in) {
    boolean wide = in.cls() == ALU64;
    int code = code(in.opcode());
    boolean reg = source(in.opcode()) == X;
    switch (code) {
      case MOV -> mov(m, in, wide, reg);
      case NEG -> {
        m.load(in.dst());
        if (wide) {
          m.cob.lneg();
        } else {
          m.cob.l2i();
          m.cob.ineg();
          zext(m.cob);
        }
        m.store(in.dst());
      }
      case END -> swap(m, in);
      case DIV, MOD -> {
        if (wide && reg && m.layout.narrow(m.pc, in.dst())
            && m.layout.narrow(m.pc, in.src())) {
          // both below 2^32: the 64-bit operation, signed or not, is the 32-bit unsigned one
          divMod(m, in, false, true, code == MOD, false);
        } else {
          divMod(m, in, wide, reg, code == MOD, in.offset() == 1);
        }
      }
      default -> binary(m, in, wide, reg, code);
    }
  }

  /** Zero-extends the int on the stack to a long. */
  static void zext(CodeBuilder cob) {
    cob.i2l();
    cob.loadConstant(0xffffffffL);
    cob.land();
  }

  private static void mov(MethodEmitter m, Insn in, boolean wide, boolean reg) {
    CodeBuilder cob = m.cob;
    if (!reg) {
      m.lconst(wide ? in.imm() : in.imm() & 0xffffffffL);
    } else {
      m.load(in.src());
      int sx = in.offset();
      if (wide) {
        switch (sx) {
          case 8 -> {
            cob.l2i();
            cob.i2b();
            cob.i2l();
          }
          case 16 -> {
            cob.l2i();
            cob.i2s();
            cob.i2l();
          }
          case 32 -> {
            cob.l2i();
            cob.i2l();
          }
          default -> {}
        }
      } else {
        cob.l2i();
        if (sx == 8) {
          cob.i2b();
        } else if (sx == 16) {
          cob.i2s();
        }
        zext(cob);
      }
    }
    m.store(in.dst());
  }

  private static void binary(MethodEmitter m, Insn in, boolean wide, boolean reg, int code) {
    CodeBuilder cob = m.cob;
    boolean shift = code == LSH || code == RSH || code == ARSH;
    m.load(in.dst());
    if (!wide) {
      cob.l2i();
    }
    if (reg) {
      m.load(in.src());
      if (!wide || shift) {
        cob.l2i();
      }
    } else if (shift) {
      cob.loadConstant(in.imm32() & (wide ? 63 : 31));
    } else if (wide) {
      m.lconst(in.imm());
    } else {
      m.iconst(in.imm32());
    }
    if (wide) {
      switch (code) {
        case ADD -> cob.ladd();
        case SUB -> cob.lsub();
        case MUL -> cob.lmul();
        case OR -> cob.lor();
        case AND -> cob.land();
        case XOR -> cob.lxor();
        case LSH -> cob.lshl();
        case RSH -> cob.lushr();
        case ARSH -> cob.lshr();
        default -> throw new IllegalStateException("alu code " + code);
      }
    } else {
      switch (code) {
        case ADD -> cob.iadd();
        case SUB -> cob.isub();
        case MUL -> cob.imul();
        case OR -> cob.ior();
        case AND -> cob.iand();
        case XOR -> cob.ixor();
        case LSH -> cob.ishl();
        case RSH -> cob.iushr();
        case ARSH -> cob.ishr();
        default -> throw new IllegalStateException("alu code " + code);
      }
      zext(cob);
    }
    m.store(in.dst());
  }

  private static void divMod(
      MethodEmitter m, Insn in, boolean wide, boolean reg, boolean mod, boolean signed) {
    CodeBuilder cob = m.cob;
    int dst = in.dst();
    if (!reg && in.imm32() == 0) {
      // by a zero constant: div gives 0, mod keeps dst (its low half in 32 bits)
      if (!mod) {
        cob.lconst_0();
        m.store(dst);
      } else if (!wide) {
        m.load(dst);
        cob.l2i();
        zext(cob);
        m.store(dst);
      }
      return;
    }
    boolean fp = !wide && reg && !signed && m.layout.onlyTested(m.pc);
    if (fp && mod) {
      // no zero test: by zero, the low half of dst, zero-extended (JitRuntime.umod32Fp)
      unsignedByDouble(m, dst, in.src(), true);
      m.store(dst);
      return;
    }
    Label done = cob.newLabel();
    if (reg) {
      Label nonZero = cob.newLabel();
      m.load(in.src());
      if (wide) {
        cob.lconst_0();
        cob.lcmp();
        cob.ifne(nonZero);
      } else {
        cob.l2i();
        cob.ifne(nonZero);
      }
      if (!mod) {
        cob.lconst_0();
        m.store(dst);
      } else if (!wide) {
        m.load(dst);
        cob.l2i();
        zext(cob);
        m.store(dst);
      }
      cob.goto_(done);
      cob.labelBinding(nonZero);
    }
    if (fp) {
      unsignedByDouble(m, dst, in.src(), mod);
      m.store(dst);
      cob.labelBinding(done);
      return;
    }
    m.load(dst);
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
    if (wide) {
      if (!reg) {
        // a constant divisor: HotSpot turns it into multiplications
        if (signed) {
          if (mod) {
            cob.lrem();
          } else {
            cob.ldiv();
          }
        } else {
          cob.invokestatic(CD_Long, mod ? "remainderUnsigned" : "divideUnsigned",
              MethodTypeDesc.of(CD_long, CD_long, CD_long));
        }
      } else {
        String name = (signed ? "s" : "u") + (mod ? "mod" : "div");
        cob.invokestatic(Descs.CD_RUNTIME, name, MethodTypeDesc.of(CD_long, CD_long, CD_long));
      }
    } else {
      if (signed) {
        if (mod) {
          cob.irem();
        } else {
          cob.idiv();
        }
      } else {
        cob.invokestatic(CD_Integer, mod ? "remainderUnsigned" : "divideUnsigned",
            MethodTypeDesc.of(CD_int, CD_int, CD_int));
      }
      zext(cob);
    }
    m.store(dst);
    cob.labelBinding(done);
  }

  /**
   * Unsigned 32-bit {@code a / b} or {@code a % b} of the low halves of two registers ({@code b
   * != 0} for the division; the modulo by 0 gives a), on the floating-point divider ({@link
   * JitRuntime#udiv32Fp}): for divisibility tests
   * ({@link Layout#onlyTested}), where the division is not on a chain of dependent operations
   * and the FP divider's throughput beats the integer one's (its latency does not).
   */
  private static void unsignedByDouble(MethodEmitter m, int dst, int src, boolean mod) {
    low(m, dst);
    low(m, src);
    m.cob.invokestatic(Descs.CD_RUNTIME, mod ? "umod32Fp" : "udiv32Fp",
        MethodTypeDesc.of(CD_long, CD_long, CD_long));
  }

  /** Pushes the low half of {@code reg}, zero-extended. */
  private static void low(MethodEmitter m, int reg) {
    m.load(reg);
    m.cob.loadConstant(0xffffffffL);
    m.cob.land();
  }

  /** {@code le}/{@code be} (class ALU, little-endian host) and {@code bswap} (class ALU64). */
  private static void swap(MethodEmitter m, Insn in) {
    CodeBuilder cob = m.cob;
    int width = in.imm32();
    boolean swap = in.cls() == ALU64 || source(in.opcode()) == TO_BE;
    m.load(in.dst());
    switch (width) {
      case 16 -> {
        cob.l2i();
        if (swap) {
          cob.i2s();
          cob.invokestatic(CD_Short, "reverseBytes", MethodTypeDesc.of(CD_short, CD_short));
        }
        cob.loadConstant(0xffff);
        cob.iand();
        cob.i2l();
      }
      case 32 -> {
        cob.l2i();
        if (swap) {
          cob.invokestatic(CD_Integer, "reverseBytes", MethodTypeDesc.of(CD_int, CD_int));
        }
        zext(cob);
      }
      default -> {
        if (swap) {
          cob.invokestatic(CD_Long, "reverseBytes", MethodTypeDesc.of(CD_long, CD_long));
        }
      }
    }
    m.store(in.dst());
  }
}
