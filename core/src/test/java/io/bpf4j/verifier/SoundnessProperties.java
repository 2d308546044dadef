package io.bpf4j.verifier;

import static io.bpf4j.isa.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.ProgType;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.InvalidProgramException;
import io.bpf4j.vm.RunResult;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Soundness: random small programs (arithmetic, stack and context accesses through derived
 * pointers, forward branches) that bpf4j's verifier accepts never trip a bounds check of the
 * checked interpreter. A trip is a verifier bug.
 */
class SoundnessProperties {
  private static final int[] ALU_CODES = {ADD, SUB, MUL, AND, OR, XOR, LSH, RSH, ARSH, MOV};
  private static final int[] JMP_CODES = {JEQ, JNE, JGT, JGE, JLT, JLE, JSGT, JSGE, JSLT, JSLE};
  private static final int[] SIZES = {B, H, W, DW};

  @Provide
  Arbitrary<List<Insn>> programs() {
    return Arbitraries.longs().list().ofMinSize(4).ofMaxSize(24).map(SoundnessProperties::build);
  }

  /** Turns random numbers into a program; every choice is one number. */
  static List<Insn> build(List<Long> seeds) {
    List<Insn> out = new ArrayList<>();
    out.add(Insn.of(ALU64 | MOV | X, 6, 1, 0, 0)); // keep ctx in r6
    out.add(Insn.of(ALU64 | MOV | X, 7, FP, 0, 0)); // and a stack pointer in r7
    for (int r : new int[] {0, 1, 2, 3, 4, 5, 8, 9}) {
      out.add(Insn.of(ALU64 | MOV | K, r, 0, 0, r * 3)); // every other register a number
    }
    int n = seeds.size();
    for (int i = 0; i < n; i++) {
      long s = seeds.get(i);
      int kind = Math.floorMod(s, 9);
      int a = 1 + Math.floorMod(s >>> 8, 9); // r1..r9
      int b = Math.floorMod(s >>> 16, 10);
      int small = Math.floorMod(s >>> 24, 64) - 24;
      int size = SIZES[Math.floorMod(s >>> 32, 4)];
      int off = -Math.floorMod(s >>> 36, 40) * 2;
      switch (kind) {
        case 0 -> out.add(Insn.of(ALU64 | MOV | K, a, 0, 0, small));
        case 1 -> {
          int code = ALU_CODES[Math.floorMod(s >>> 40, ALU_CODES.length)];
          boolean k = (s & (1L << 50)) != 0;
          boolean w = (s & (1L << 51)) != 0;
          int imm = code == LSH || code == RSH || code == ARSH ? Math.floorMod(small, 32) : small;
          out.add(Insn.of((w ? ALU : ALU64) | code | (k ? K : X), a, k ? 0 : b, 0, k ? imm : 0));
        }
        case 2 -> out.add(Insn.of(ALU64 | AND | K, a, 0, 0, 0x3f));
        case 3 -> out.add(Insn.of(ALU64 | ADD | X, 7, a, 0, 0)); // stack pointer += scalar
        case 4 -> out.add(Insn.of(STX | MEM | size, 7, a, off, 0));
        case 5 -> out.add(Insn.of(LDX | MEM | size, a, 7, off, 0));
        case 6 -> out.add(Insn.of(LDX | MEM | W, a, 6, Math.floorMod(small, 48) * 4, 0));
        case 7 -> {
          int left = n - i;
          int code = JMP_CODES[Math.floorMod(s >>> 40, JMP_CODES.length)];
          out.add(Insn.of(JMP | code | K, a, 0, Math.floorMod(s >>> 44, Math.max(left, 1)),
              small));
        }
        default -> out.add(Insn.of(ALU64 | MOV | X, 7, FP, 0, 0)); // reset the stack pointer
      }
    }
    out.add(Insn.of(ALU64 | MOV | K, 0, 0, 0, 0));
    out.add(Insn.of(JMP | EXIT, 0, 0, 0, 0));
    return out;
  }

  @Property(tries = 600, seed = "42")
  void acceptedProgramsStayInBounds(@ForAll("programs") List<Insn> prog) throws Exception {
    VerifierResult r = Verifier.verify(VerifierInput.of("random", prog, ProgType.SOCKET_FILTER));
    Statistics.collect(r.accepted() ? "accepted" : "rejected");
    if (!r.accepted()) {
      return;
    }
    Interpreter vm;
    try {
      vm = Interpreter.load(prog, HelperTable.empty(), InterpreterOptions.checkedMode());
    } catch (InvalidProgramException e) {
      // the checked interpreter's load-time check is path-insensitive: it refuses a register
      // read in code that no path reaches, which the verifier (like the kernel) accepts
      Statistics.label("interpreter").collect("refused statically");
      return;
    }
    Statistics.label("interpreter").collect("ran");
    RunResult res = vm.execute(new byte[192]); // an __sk_buff's size
    assertTrue(res.ok(), () -> "verifier bug: accepted program trips the checked interpreter: "
        + res.error().getMessage() + "\n" + prog);
  }
}
