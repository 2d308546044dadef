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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Narrow}: which instructions make a register narrow (below 2^32), which keep it, which
 * lose it; and 64-bit division and modulo of narrow registers (compiled as the 32-bit unsigned
 * operation) against the interpreter at the edges of the 32-bit range.
 */
class NarrowTest {
  private static final int R3 = 1 << 3;
  private static final int R4 = 1 << 4;

  /** Narrow registers after {@code in} when r3 (and only r3) was narrow before. */
  private static int after(Insn in) {
    return Narrow.transfer(in, R3);
  }

  @Test
  void makesNarrow() {
    assertEquals(R3 | R4, after(alu32(ADD, 4, 1)), "32-bit ops zero-extend");
    assertEquals(R3 | R4, after(Insn.of(ALU | MOV | X, 4, 5, 0, 0)), "mov32");
    assertEquals(R3 | R4, after(mov(4, 0x7fffffff)), "mov of a non-negative constant");
    assertEquals(R3, after(mov(4, -1)), "mov of -1 is all ones");
    assertEquals(R3 | R4, after(ldx(W, 4, 1, 0)), "32-bit load");
    assertEquals(R3 | R4, after(ldx(B, 4, 1, 0)), "byte load");
    assertEquals(R3, after(ldx(DW, 4, 1, 0)), "64-bit load");
    assertEquals(R3, after(Insn.of(LDX | MEMSX | W, 4, 1, 0, 0)), "sign-extending load");
    assertEquals(R3 | R4, after(alu64(RSH, 4, 32)), "shift right by 32");
    assertEquals(R3, after(alu64(RSH, 4, 31)), "shift right by 31");
    assertEquals(R3 | R4, after(alu64(AND, 4, 0x7fffffff)), "and with a small mask");
    assertEquals(R3, after(alu64(AND, 4, -1)), "and with -1 keeps everything");
    assertEquals(R3 | R4, after(alu64r(AND, 4, 3)), "and with a narrow register");
    assertEquals(R3 | R4, after(lddw(4, 0x80000000L)), "lddw of a 32-bit value");
    assertEquals(R3, after(lddw(4, 0x100000000L)), "lddw beyond 32 bits");
    assertEquals(R3 | R4, after(Insn.of(ALU | END | TO_BE, 4, 0, 0, 32)), "be32");
    assertEquals(R3, after(Insn.of(ALU | END | TO_BE, 4, 0, 0, 64)), "be64");
  }

  @Test
  void keepsOrLosesNarrow() {
    assertEquals(0, after(alu64r(ADD, 3, 3)), "add may carry into bit 32");
    assertEquals(0, after(alu64(LSH, 3, 1)), "shift left");
    assertEquals(0, after(alu64(SUB, 3, 1)), "sub may wrap");
    assertEquals(0, after(alu64(MUL, 3, 2)), "mul");
    assertEquals(0, after(alu64(NEG, 3, 0)), "neg");
    assertEquals(R3, after(alu64(RSH, 3, 1)), "shift right keeps");
    assertEquals(R3, after(alu64(ARSH, 3, 1)), "arsh of a non-negative value keeps");
    assertEquals(R3, after(alu64r(DIV, 3, 4)), "unsigned div by anything keeps");
    assertEquals(R3, after(alu64r(MOD, 3, 4)), "unsigned mod by anything keeps");
    assertEquals(0, after(Insn.of(ALU64 | DIV | X, 3, 4, 1, 0)), "sdiv by a negative");
    assertEquals(R3, after(Insn.of(ALU64 | DIV | K, 3, 0, 1, 7)), "sdiv by a positive");
    assertEquals(R3, after(Insn.of(ALU64 | MOD | X, 3, 4, 1, 0)), "smod keeps the sign");
    assertEquals(R3, after(alu64(OR, 3, 0x10)), "or with a small constant");
    assertEquals(0, after(alu64(OR, 3, -16)), "or with a negative constant");
    assertEquals(0, after(alu64r(XOR, 3, 4)), "xor with a wide register");
    assertEquals(0, after(Insn.of(ALU64 | MOV | X, 3, 3, 32, 0)), "movsx32");
    assertEquals(R3 | R4, after(movr(4, 3)), "mov copies");
    assertEquals(R3, after(st(W, 10, -4, 1)), "stores change no register");
    assertEquals(R3, after(jmp(JGT, 4, 1, 1)), "jumps change no register");
  }

  @Test
  void callsForgetR0ToR5AndFetchingAtomicsWriteTheirSource() {
    assertEquals(1 << 6, Narrow.transfer(call(1), 0x7f));
    assertEquals(1 << 6, Narrow.transfer(callLocal(0), 0x7f));
    Insn fetchAdd32 = Insn.of(STX | ATOMIC | W, 1, 4, 0, ADD | FETCH);
    Insn fetchAdd64 = Insn.of(STX | ATOMIC | DW, 1, 3, 0, ADD | FETCH);
    Insn add32 = Insn.of(STX | ATOMIC | W, 1, 4, 0, ADD);
    Insn cmpxchg32 = Insn.of(STX | ATOMIC | W, 1, 4, 0, CMPXCHG);
    assertEquals(R3 | R4, after(fetchAdd32));
    assertEquals(0, after(fetchAdd64));
    assertEquals(R3, after(add32));
    assertEquals(R3 | 1, after(cmpxchg32));
  }

  @Test
  void pathsMeet() {
    // r3 narrow on one path only; r4 narrow on both
    List<Insn> prog = List.of(
        mov(3, -1), // 0
        mov(4, 1), // 1
        jmp(JEQ, 1, 0, 2), // 2
        alu32(MOV, 3, 5), // 3
        mov(4, 2), // 4
        alu64r(DIV, 4, 3), // 5: r3 wide on the jump's path
        exit());
    Layout layout = new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
    assertEquals(false, layout.narrow(5, 3));
    assertEquals(true, layout.narrow(5, 4));
    assertEquals(true, layout.narrow(4, 3));
    assertEquals(false, layout.narrow(0, 1), "nothing is known at the entry");
  }

  private static final long[] EDGES = {
    0, 1, 2, 3, 7, 0x7fffffffL, 0x80000000L, 0x80000001L, 0xfffffffeL, 0xffffffffL
  };

  /**
   * r1, r2 zero-extended (w1 = w1), then the 64-bit operation; also with r2 from a 32-bit load
   * of the stack, so both sources of narrowness meet the division.
   */
  private static List<Insn> divide(int op, int signed, boolean load) {
    List<Insn> p = new ArrayList<>();
    p.add(Insn.of(ALU | MOV | X, 1, 1, 0, 0));
    if (load) {
      p.add(stx(W, FP, 2, -4));
      p.add(ldx(W, 2, FP, -4));
    } else {
      p.add(Insn.of(ALU | MOV | X, 2, 2, 0, 0));
    }
    p.add(Insn.of(ALU64 | op | X, 1, 2, signed, 0));
    p.add(movr(0, 1));
    p.add(exit());
    return p;
  }

  @TestFactory
  Stream<DynamicTest> narrowDivisionAgreesWithTheInterpreter() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int op : new int[] {DIV, MOD}) {
      for (int signed : new int[] {0, 1}) {
        for (boolean load : new boolean[] {false, true}) {
          String name = (signed == 1 ? "s" : "u") + (op == DIV ? "div" : "mod")
              + (load ? " (divisor loaded)" : "");
          tests.add(DynamicTest.dynamicTest(name, () -> {
            List<Insn> prog = divide(op, signed, load);
            Layout layout = new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET);
            int div = prog.size() - 3;
            assertEquals(true, layout.narrow(div, 1) && layout.narrow(div, 2), "narrow");
            Interpreter interp =
                Interpreter.load(prog, HelperTable.empty(), InterpreterOptions.fast());
            JitProgram jit = JitCompiler.compile(prog, HelperTable.empty());
            for (long a : EDGES) {
              for (long b : EDGES) {
                // the high halves are dropped by w1 = w1: they must not matter
                long hi = 0xdead_0000_0000L;
                assertEquals(interp.run(a | hi, b | hi), jit.run(a | hi, b | hi),
                    name + " " + a + ", " + b);
              }
            }
          }));
        }
      }
    }
    return tests.stream();
  }
}
