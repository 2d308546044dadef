package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Arithmetic and comparisons of the interpreter against a model written with {@link
 * BigInteger} straight from RFC 9669's definitions (two's complement wrap-around, division by
 * zero gives 0, modulo by zero leaves the dividend, shifts masked, 32-bit results
 * zero-extended, 32-bit comparisons on the low halves).
 */
class AluProperties {
  enum Op {
    ADD_(ADD, 0), SUB_(SUB, 0), MUL_(MUL, 0), DIV_(DIV, 0), SDIV(DIV, 1), MOD_(MOD, 0),
    SMOD(MOD, 1), OR_(OR, 0), AND_(AND, 0), XOR_(XOR, 0), LSH_(LSH, 0), RSH_(RSH, 0),
    ARSH_(ARSH, 0);

    final int code;
    final int off;

    Op(int code, int off) {
      this.code = code;
      this.off = off;
    }
  }

  enum Cmp {
    JEQ_(JEQ), JNE_(JNE), JSET_(JSET), JGT_(JGT), JGE_(JGE), JLT_(JLT), JLE_(JLE), JSGT_(JSGT),
    JSGE_(JSGE), JSLT_(JSLT), JSLE_(JSLE);

    final int code;

    Cmp(int code) {
      this.code = code;
    }
  }

  private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger TWO32 = BigInteger.ONE.shiftLeft(32);

  @Property(tries = 400)
  void registerOperands(@ForAll Op op, @ForAll boolean wide, @ForAll long a, @ForAll long b)
      throws Exception {
    Insn insn = Insn.of((wide ? ALU64 : ALU) | op.code | X, 0, 1, op.off, 0);
    long got = run(lddw(0, a), lddw(1, b), insn, exit());
    assertEquals(model(op, wide, a, b), got, () -> op + (wide ? "64 " : "32 ") + a + ", " + b);
  }

  @Property(tries = 400)
  void immediateOperands(@ForAll Op op, @ForAll boolean wide, @ForAll long a, @ForAll int imm)
      throws Exception {
    Insn insn = Insn.of((wide ? ALU64 : ALU) | op.code | K, 0, 0, op.off, imm);
    long got = run(lddw(0, a), insn, exit());
    // the immediate is sign-extended to 64 bits (and then used as unsigned where unsigned)
    assertEquals(model(op, wide, a, imm), got, () -> op + (wide ? "64 " : "32 ") + a + ", " + imm);
  }

  @Property(tries = 400)
  void jumps(@ForAll Cmp cmp, @ForAll boolean wide, @ForAll long a, @ForAll long b)
      throws Exception {
    Insn j = Insn.of((wide ? JMP : JMP32) | cmp.code | X, 1, 2, 1, 0);
    long got = run(lddw(1, a), lddw(2, b), mov(0, 0), j, exit(), mov(0, 1), exit());
    assertEquals(taken(cmp, wide, a, b) ? 1 : 0, got, () -> cmp + (wide ? " " : "32 ") + a + ", " + b);
  }

  private static long run(Insn... insns) throws InvalidProgramException {
    return P.load(InterpreterOptions.fast(), insns).run(0, 0);
  }

  private static BigInteger unsigned(long v, boolean wide) {
    BigInteger x = BigInteger.valueOf(v).mod(TWO64);
    return wide ? x : x.mod(TWO32);
  }

  private static BigInteger signed(long v, boolean wide) {
    return BigInteger.valueOf(wide ? v : (int) v);
  }

  static long model(Op op, boolean wide, long a, long b) {
    BigInteger ua = unsigned(a, wide);
    BigInteger ub = unsigned(b, wide);
    BigInteger sa = signed(a, wide);
    BigInteger sb = signed(b, wide);
    int width = wide ? 64 : 32;
    int shift = (int) (b & (width - 1));
    BigInteger r =
        switch (op) {
          case ADD_ -> ua.add(ub);
          case SUB_ -> ua.subtract(ub);
          case MUL_ -> ua.multiply(ub);
          case DIV_ -> ub.signum() == 0 ? BigInteger.ZERO : ua.divide(ub);
          case SDIV -> sb.signum() == 0 ? BigInteger.ZERO : sa.divide(sb);
          case MOD_ -> ub.signum() == 0 ? ua : ua.mod(ub);
          case SMOD -> sb.signum() == 0 ? sa : sa.remainder(sb);
          case OR_ -> ua.or(ub);
          case AND_ -> ua.and(ub);
          case XOR_ -> ua.xor(ub);
          case LSH_ -> ua.shiftLeft(shift);
          case RSH_ -> ua.shiftRight(shift);
          case ARSH_ -> sa.shiftRight(shift);
        };
    return r.mod(wide ? TWO64 : TWO32).longValue();
  }

  static boolean taken(Cmp cmp, boolean wide, long a, long b) {
    BigInteger ua = unsigned(a, wide);
    BigInteger ub = unsigned(b, wide);
    int u = ua.compareTo(ub);
    int s = signed(a, wide).compareTo(signed(b, wide));
    return switch (cmp) {
      case JEQ_ -> u == 0;
      case JNE_ -> u != 0;
      case JSET_ -> ua.and(ub).signum() != 0;
      case JGT_ -> u > 0;
      case JGE_ -> u >= 0;
      case JLT_ -> u < 0;
      case JLE_ -> u <= 0;
      case JSGT_ -> s > 0;
      case JSGE_ -> s >= 0;
      case JSLT_ -> s < 0;
      case JSLE_ -> s <= 0;
    };
  }
}
