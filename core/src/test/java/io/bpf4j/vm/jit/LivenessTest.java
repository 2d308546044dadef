package io.bpf4j.vm.jit;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.jit.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Liveness}: what each instruction reads and writes, and which divisions have a result
 * that is only compared with zero (the JIT computes those on the FP divider).
 */
class LivenessTest {
  private static final int R0 = 1;
  private static final int R1 = 1 << 1;
  private static final int R2 = 1 << 2;
  private static final int R3 = 1 << 3;

  @Test
  void readsAndWrites() {
    assertEquals(R2 | R3, Liveness.transfer(alu64r(ADD, 3, 2), R3), "add reads both");
    assertEquals(R2, Liveness.transfer(movr(3, 2), R3), "mov overwrites dst");
    assertEquals(0, Liveness.transfer(mov(3, 1), R3), "mov of a constant");
    assertEquals(R3, Liveness.transfer(alu64(NEG, 3, 0), R3), "neg reads dst");
    assertEquals(R1, Liveness.transfer(ldx(W, 3, 1, 0), R3), "a load reads its address");
    assertEquals(R1 | R2 | R3, Liveness.transfer(stx(W, 1, 2, 0), R3), "a store reads both");
    assertEquals(R0, Liveness.transfer(exit(), R3), "exit reads r0 only");
    assertEquals(0x3e | (1 << 6), Liveness.transfer(call(1), R0 | R3 | (1 << 6)),
        "a call reads r1..r5 and sets r0..r5");
    assertEquals(R1 | R2 | R3, Liveness.transfer(jmpr(JGT, 1, 2, 0), R3), "a jump reads both");
    assertEquals(R3, Liveness.transfer(lddw(1, 5), R3 | R1), "lddw writes");
  }

  private static boolean onlyTested(List<Insn> prog, int at) {
    return new Layout(prog, Splitter.DIRECT_LIMIT, Splitter.REGION_BUDGET).onlyTested(at);
  }

  /** {@code r3 %= r2; r0 = 0; <test>; r0 = 1; exit; [taken:] <after>; exit}. */
  private static List<Insn> shape(Insn test, Insn after) {
    List<Insn> p = new ArrayList<>();
    p.add(alu64r(MOD, 3, 2)); // 0
    p.add(mov(0, 0)); // 1
    p.add(test); // 2: to 5 when taken
    p.add(mov(0, 1)); // 3
    p.add(exit()); // 4
    p.add(after); // 5
    p.add(exit()); // 6
    return p;
  }

  @Test
  void divisibilityTests() {
    assertEquals(true, onlyTested(shape(jmp(JNE, 3, 0, 2), mov(0, 2)), 0), "n % d != 0");
    assertEquals(true, onlyTested(shape(jmp(JEQ, 3, 0, 2), mov(0, 2)), 0), "n % d == 0");
    assertEquals(true, onlyTested(shape(Insn.of(JMP32 | JEQ | K, 3, 0, 2, 0), mov(0, 2)), 0),
        "32-bit test");
    assertEquals(false, onlyTested(shape(jmp(JNE, 3, 0, 2), movr(0, 3)), 0),
        "the remainder is used where the jump goes");
    assertEquals(false, onlyTested(shape(jmp(JGT, 3, 0, 2), mov(0, 2)), 0), "not a zero test");
    assertEquals(false, onlyTested(shape(jmp(JNE, 3, 1, 2), mov(0, 2)), 0), "compared with 1");
    assertEquals(false, onlyTested(shape(jmpr(JNE, 3, 2, 2), mov(0, 2)), 0), "with a register");
    assertEquals(false, onlyTested(shape(jmp(JNE, 2, 0, 2), mov(0, 2)), 0), "tests another");
  }

  @Test
  void resultsUsedOtherwise() {
    // read before the test
    List<Insn> read = new ArrayList<>(shape(jmp(JNE, 3, 0, 2), mov(0, 2)));
    read.set(1, movr(0, 3));
    assertEquals(false, onlyTested(read, 0), "read before the test");
    // overwritten before any test
    List<Insn> dead = new ArrayList<>(shape(jmp(JNE, 3, 0, 2), mov(0, 2)));
    dead.set(1, mov(3, 0));
    assertEquals(false, onlyTested(dead, 0), "overwritten");
    // Euclid: the remainder is tested and then becomes the next divisor around the loop
    List<Insn> gcd = List.of(
        movr(3, 1), // 0
        alu64r(MOD, 3, 2), // 1: r3 = a % b
        movr(1, 2), // 2
        movr(2, 3), // 3
        jmp(JNE, 3, 0, -4), // 4: loop while the remainder is non-zero
        movr(0, 1), // 5
        exit());
    assertEquals(false, onlyTested(gcd, 1), "read before the test (r2 = r3)");
    List<Insn> gcd2 = List.of(
        movr(3, 1), // 0
        alu64r(MOD, 3, 2), // 1
        jmp(JEQ, 3, 0, 3), // 2: done when the remainder is zero
        movr(1, 2), // 3
        movr(2, 3), // 4: the remainder, live around the loop
        ja(-5), // 5
        movr(0, 2), // 6
        exit());
    assertEquals(false, onlyTested(gcd2, 1), "live after the test");
  }
}
