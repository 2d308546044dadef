package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Unsigned 32-bit division on the floating-point divider ({@link JitRuntime#udiv32Fp}, used
 * for divisibility tests): exact against {@link Integer#divideUnsigned} and {@link
 * Integer#remainderUnsigned} over the whole 32-bit range, with operands at the bounds (0, 1,
 * 2^31 - 1, 2^31, 2^32 - 1: negative as signed ints); and the JIT's divisibility tests, which
 * take that path, against the interpreter, with zero divisors and garbage in the high halves.
 */
class FpDivisionProperties {
  /** 32-bit values, a third of them at or next to a bound. */
  @Provide
  Arbitrary<Long> u32() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 1L, 2L, 3L, 0x7ffffffeL, 0x7fffffffL,
            0x80000000L, 0x80000001L, 0xfffffffeL, 0xffffffffL)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 0xffff)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 0xffffffffL)));
  }

  @Property(tries = 3000)
  void fpDivisionIsExact(@ForAll("u32") long a, @ForAll("u32") long b) {
    if (b == 0) {
      assertEquals(a, JitRuntime.umod32Fp(a, 0), "modulo by zero leaves the dividend");
      return;
    }
    check(a, b);
  }

  private static void check(long a, long b) {
    long q = Integer.toUnsignedLong(Integer.divideUnsigned((int) a, (int) b));
    long r = Integer.toUnsignedLong(Integer.remainderUnsigned((int) a, (int) b));
    assertEquals(q, JitRuntime.udiv32Fp(a, b), () -> a + " / " + b);
    assertEquals(r, JitRuntime.umod32Fp(a, b), () -> a + " % " + b);
  }

  /**
   * The hard cases for rounding: quotients just below an integer (remainder b - 1) and exact
   * ones, for small and large divisors and quotients; and a million random pairs.
   */
  @Test
  void fpDivisionIsExactWhereRoundingIsClosest() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (long b = 1; b <= 0xffffffffL; b = b < 64 ? b + 1 : b * 3 + rnd.nextLong(16)) {
      long top = 0xffffffffL / b;
      for (long q : new long[] {0, 1, 2, top / 2, top - 1, top}) {
        for (long r : new long[] {0, 1, b - 1, b / 2}) {
          long a = q * b + r;
          if (q >= 0 && r >= 0 && r < b && a <= 0xffffffffL) {
            check(a, b);
          }
        }
      }
    }
    for (int i = 0; i < 1_000_000; i++) {
      long a = rnd.nextLong(1L << 32);
      long b = 1 + rnd.nextLong((1L << (1 + rnd.nextInt(32))) - 1);
      check(a, b);
    }
  }

  /**
   * {@code dst op= src; r0 = 7; if dst ==/!= 0 goto +1; r0 = 9; exit}: the result is only
   * tested. {@code alu32}: the 32-bit operation on r1, r2 as passed (high halves ignored);
   * otherwise the 64-bit operation after {@code w1 = w1; w2 = w2} (narrow operands).
   */
  private static List<Insn> divisibility(int op, boolean alu32, int jump, boolean jmp32) {
    List<Insn> p = new ArrayList<>();
    if (!alu32) {
      p.add(Insn.of(ALU | MOV | X, 1, 1, 0, 0));
      p.add(Insn.of(ALU | MOV | X, 2, 2, 0, 0));
    }
    p.add(Insn.of((alu32 ? ALU : ALU64) | op | X, 1, 2, 0, 0));
    p.add(mov(0, 7));
    p.add(Insn.of((jmp32 ? JMP32 : JMP) | jump | K, 1, 0, 1, 0));
    p.add(mov(0, 9));
    p.add(exit());
    return p;
  }

  private static final long[] HIGH = {0, 0xdead_0000_0000L, 0xffff_ffff_0000_0000L};

  @Property(tries = 1000)
  void divisibilityTestsAgreeWithTheInterpreter(@ForAll("u32") long a, @ForAll("u32") long b,
      @ForAll boolean mod, @ForAll boolean alu32, @ForAll boolean jeq, @ForAll boolean jmp32,
      @ForAll("high") long high) {
    List<Insn> prog = divisibility(mod ? MOD : DIV, alu32, jeq ? JEQ : JNE, jmp32);
    Compiled c = COMPILED.computeIfAbsent(prog, FpDivisionProperties::compile);
    JitProgram jit = c.jit();
    Interpreter interp = c.interp();
    // the high halves must not matter: dropped by w1 = w1 or by the 32-bit operation
    long r1 = a | high;
    long r2 = b | (high >>> 8 << 32);
    assertEquals(interp.run(r1, r2), jit.run(r1, r2), () -> a + ", " + b + "\n" + jit.dump());
    assertEquals(interp.run(r1, 0), jit.run(r1, 0), () -> a + " by zero");
  }

  private record Compiled(JitProgram jit, Interpreter interp) {}

  private static final Map<List<Insn>, Compiled> COMPILED = new ConcurrentHashMap<>();

  /** Compiles once per shape, checking that the JIT takes the FP path. */
  private static Compiled compile(List<Insn> prog) {
    int at = prog.size() - 5;
    Layout layout = new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
    assertTrue(layout.onlyTested(at), "a divisibility test");
    JitProgram jit = JitCompiler.compile(prog, HelperTable.empty());
    boolean mod = code(prog.get(at).opcode()) == MOD;
    assertTrue(jit.dump().contains(mod ? "umod32Fp" : "udiv32Fp"), jit::dump);
    try {
      return new Compiled(
          jit, Interpreter.load(prog, HelperTable.empty(), InterpreterOptions.fast()));
    } catch (io.bpf4j.vm.InvalidProgramException e) {
      throw new AssertionError(e);
    }
  }

  @Provide
  Arbitrary<Long> high() {
    return Arbitraries.of(HIGH[0], HIGH[1], HIGH[2]);
  }
}
