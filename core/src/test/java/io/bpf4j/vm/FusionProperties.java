package io.bpf4j.vm;

import static io.bpf4j.isa.Opcodes.*;
import static io.bpf4j.vm.P.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.isa.Insn;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random straight-line programs with forward jumps, from an alphabet rich in the instructions
 * that {@link Fusion} groups (copies, adds, xors, shifts, masks, multiplies, byte loads, zero
 * extensions, loop-style compares): loaded with and without superinstructions they give the
 * same r0 and instruction count, in both modes. Jumps land anywhere, also in the middle of a
 * group. Loads read only the 8-byte input through r1, which no instruction writes.
 */
class FusionProperties {
  private static final byte[] MEM = {(byte) 0x81, 0x42, (byte) 0xff, 0x00, 0x7f, 0x10, 0x20, 0x30};
  private static final int[] DSTS = {0, 2, 3, 4, 5, 6, 7};

  @Property(tries = 300)
  void fusedRunsAsUnfused(@ForAll("programs") List<List<int[]>> chunks) throws Exception {
    List<int[]> body = chunks.stream().flatMap(List::stream).toList();
    List<Insn> p = new ArrayList<>();
    for (int r : DSTS) {
      p.add(mov(r, 0x123_4567L * (r + 1)));
    }
    p.add(lddw(8, 0xfedc_ba98_8765_4321L));
    p.add(mov(9, 3));
    int n = body.size();
    for (int i = 0; i < n; i++) {
      p.add(insn(body.get(i), n - 1 - i));
    }
    p.add(exit());
    // one input buffer for both runs: r1, its address, may flow into r0
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment mem = arena.allocate(MEM.length, 8);
      for (InterpreterOptions o : List.of(InterpreterOptions.fast(), InterpreterOptions.checkedMode())) {
        mem.copyFrom(MemorySegment.ofArray(MEM));
        RunResult fused = Interpreter.load(p, HelperTable.empty(), o, Fusion.Level.ALL)
            .execute(mem);
        mem.copyFrom(MemorySegment.ofArray(MEM));
        RunResult plain = Interpreter.load(p, HelperTable.empty(), o, Fusion.Level.NONE)
            .execute(mem);
        assertEquals(plain.error() == null ? null : plain.error().getMessage(),
            fused.error() == null ? null : fused.error().getMessage(), o.toString());
        assertEquals(plain.r0(), fused.r0(), o.toString());
        assertEquals(plain.instructions(), fused.instructions(), o.toString());
      }
    }
  }

  /** One instruction from {kind, dst, src, k}; {@code left}: instructions after it. */
  private static Insn insn(int[] c, int left) {
    int d = DSTS[c[1]];
    int s = c[2];
    int k = c[3];
    int fwd = left == 0 ? 0 : Math.min(left, 1 + (k & 1)); // 0, 1 or 2 ahead
    return switch (c[0]) {
      case 0 -> movReg(d, s);
      case 1 -> alu64Imm(ADD, d, k - 8);
      case 2 -> alu64(ADD, d, s);
      case 3 -> alu64(XOR, d, s);
      case 4 -> alu64Imm(RSH, d, k % 64);
      case 5 -> alu64Imm(LSH, d, k % 64);
      case 6 -> alu64Imm(AND, d, -k);
      case 7 -> alu64Imm(MUL, d, 0x1000193 - k);
      case 8 -> Insn.of(ALU | MUL | K, d, 0, 0, k);
      case 9 -> ldx(B, d, 1, k % 8);
      case 10 -> ldx(k % 2 == 0 ? W : H, d, 1, 4 * (k % 2));
      case 11 -> alu64Imm(LSH, d, 32);
      case 12 -> alu64Imm(RSH, d, 32);
      case 13 -> alu64(OR, d, s);
      case 14 -> ja(fwd);
      case 15 -> Insn.of(JMP | JLT | X, d, s, fwd, 0);
      case 16 -> Insn.of(JMP | JNE | K, d, 0, fwd, k);
      default -> Insn.of(JMP | JLT | K, d, 0, fwd, k * 1000);
    };
  }

  /** A random instruction, or a group that {@link Fusion} fuses, with random registers. */
  @Provide
  Arbitrary<List<List<int[]>>> programs() {
    Arbitrary<Integer> dst = Arbitraries.integers().between(0, DSTS.length - 1);
    Arbitrary<Integer> src = Arbitraries.integers().between(0, 9);
    Arbitrary<Integer> k = Arbitraries.integers().between(0, 70);
    Arbitrary<List<int[]>> one = Combinators.combine(Arbitraries.integers().between(0, 17), dst,
        src, k).as((a, b, c, e) -> List.of(new int[] {a, b, c, e}));
    Arbitrary<List<int[]>> group = Combinators.combine(Arbitraries.integers().between(0, 10), dst,
        dst, src, k).as(FusionProperties::group);
    return Arbitraries.oneOf(one, group).list().ofMinSize(1).ofMaxSize(16);
  }

  /** A fusable group: {@code a}, {@code c} index {@link #DSTS}, {@code s} is a register. */
  private static List<int[]> group(int kind, int a, int c, int s, int k) {
    int ra = DSTS[a];
    return switch (kind) {
      case 0 -> List.of(new int[] {0, a, s, k}, new int[] {3, a, s, k}); // copy, xor
      case 1 -> List.of(new int[] {0, a, s, k}, new int[] {4, a, s, k}); // copy, >>=
      case 2 -> List.of(new int[] {0, a, s, k}, new int[] {5, a, s, k}); // copy, <<=
      case 3 -> List.of(new int[] {0, a, s, k}, new int[] {6, a, s, k}); // copy, &=
      case 4 -> List.of(new int[] {0, a, s, k}, new int[] {1, a, s, k}); // copy, += K
      case 5 -> List.of(new int[] {9, a, s, k}, new int[] {3, c, ra, k}, // load, xor, mul
          new int[] {7, c, s, k});
      case 6 -> List.of(new int[] {9, a, s, k}, new int[] {2, c, ra, k}); // load, add
      case 7 -> List.of(new int[] {0, a, s, k}, new int[] {11, a, s, k}, // copy, zext
          new int[] {12, a, s, k});
      case 8 -> List.of(new int[] {1, a, s, k}, new int[] {15 + k % 2, a, s, k}); // add, jlt/jne
      case 9 -> List.of(new int[] {1, a, s, k}, new int[] {1, c, s, k + 3}); // add K, add K
      default -> List.of(new int[] {0, a, s, k}, new int[] {0, c, k % 10, k}); // two copies
    };
  }
}
