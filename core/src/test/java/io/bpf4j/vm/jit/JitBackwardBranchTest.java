package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every conditional jump as a loop's backward branch (the JIT emits those as the inverted test
 * around a {@code goto}) takes the same path as in the interpreter, for values around the
 * signed and unsigned limits of both widths.
 */
class JitBackwardBranchTest {
  private static final int[] CODES = {JEQ, JGT, JGE, JSET, JNE, JSGT, JSGE, JLT, JLE, JSLT, JSLE};
  private static final long[] VALUES = {
    0, 1, -1, 5, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L, Long.MIN_VALUE,
    Long.MAX_VALUE, -0x80000000L, 0x1234567800000003L
  };

  /**
   * r6 = r1, r7 = r2, r9 = 40 (a bound); loop: r0 += 1, r6 += step, then the backward jump
   * {@code if r6 OP r7 (or imm)}; the result mixes the iteration count and r6.
   */
  private static List<Insn> loop(int cls, int code, boolean reg, long imm, long step) {
    List<Insn> p = new ArrayList<>();
    p.add(movr(6, 1));
    p.add(movr(7, 2));
    p.add(mov(9, 40));
    p.add(mov(0, 0));
    // loop (index 4): leave when r9 reaches 0
    p.add(alu64(SUB, 9, 1));
    p.add(jmp(JEQ, 9, 0, 4)); // to the end
    p.add(alu64(ADD, 0, 1));
    p.add(alu64(ADD, 6, step));
    p.add(reg
        ? Insn.of(cls | code | X, 6, 7, -5, 0)
        : Insn.of(cls | code | K, 6, 0, -5, imm));
    p.add(mov(9, 0));
    p.add(alu64(LSH, 0, 40));
    p.add(alu64r(XOR, 0, 6));
    p.add(exit());
    return p;
  }

  @TestFactory
  Stream<DynamicTest> backwardBranchesAgreeWithTheInterpreter() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int cls : new int[] {JMP, JMP32}) {
      for (int code : CODES) {
        for (boolean reg : new boolean[] {false, true}) {
          String name = (cls == JMP ? "jmp" : "jmp32") + " code " + Integer.toHexString(code)
              + (reg ? " reg" : " imm");
          tests.add(DynamicTest.dynamicTest(name, () -> check(cls, code, reg)));
        }
      }
    }
    return tests.stream();
  }

  private static void check(int cls, int code, boolean reg) throws Exception {
    for (long step : new long[] {1, -1, 0x40000000L}) {
      for (long imm : reg ? new long[] {0} : new long[] {3, -3}) {
        List<Insn> prog = loop(cls, code, reg, imm, step);
        Interpreter interp = Interpreter.load(prog, HelperTable.empty(), InterpreterOptions.fast());
        JitProgram jit = JitCompiler.compile(prog, HelperTable.empty());
        JitProgram split = JitCompiler.compile(prog, HelperTable.empty(), 4, 4, 0);
        for (long a : VALUES) {
          for (long b : VALUES) {
            long expected = interp.run(a, b);
            String where = "step " + step + " imm " + imm + " r1 " + a + " r2 " + b;
            assertEquals(expected, jit.run(a, b), where);
            assertEquals(expected, split.run(a, b), where + " (regions)");
          }
        }
      }
    }
  }
}
