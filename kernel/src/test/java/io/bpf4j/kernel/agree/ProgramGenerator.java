package io.bpf4j.kernel.agree;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.uapi.HelperId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random programs that every engine must run alike and that the kernel's verifier (privileged
 * mode) should accept: registers are read only after they are written (the verifier forgets
 * r1..r5 at every call), stack reads only after the stack is filled, stack accesses aligned,
 * buffer accesses in bounds, shifts by immediates in range, loops bounded by a constant count.
 *
 * <p>Memory model of a generated program: r1 points at a buffer of {@link #SIZE} bytes (r2
 * holds the size). The main function keeps the buffer in r9; bytes {@code [0, 64)} are the
 * working area that loads and stores touch. Before its one {@code exit} the main function
 * copies its 64-byte stack area into {@code [64, 128)} and r0 (all 64 bits) into {@code [128,
 * 136)}, so the buffer after the run shows every engine's stack and full r0 — the kernel's
 * {@code BPF_PROG_TEST_RUN} reports only a 32-bit retval.
 *
 * <p>Subprograms ({@code call local}) get four scalar arguments in r1..r4 and the buffer in r5,
 * which they move to r9; a subprogram calls only subprograms after it, so calls never recurse.
 * Helper calls are {@code bpf_csum_diff} (deterministic, offered to XDP programs) from the
 * stack to the buffer.
 */
final class ProgramGenerator {
  /** Bytes of the buffer r1 points at. */
  static final int SIZE = 136;
  /** Bytes of the working area at the start of the buffer. */
  static final int WORK = 64;
  /** Bytes of stack each function fills and uses, below r10. */
  static final int STACK = 64;

  private static final int BUF = 9;
  private static final int LOOP_REG = 8;
  /** Registers a statement may write: r0..r7 (r8 counts loops, r9 holds the buffer). */
  private static final int WRITABLE = 0xff;
  private static final int ARGS = 0b111110;

  private static final int[] ALU_OPS = {ADD, SUB, MUL, DIV, OR, AND, LSH, RSH, MOD, XOR, ARSH};
  private static final int[] JMP_OPS =
      {JEQ, JGT, JGE, JSET, JNE, JSGT, JSGE, JLT, JLE, JSLT, JSLE};
  private static final int[] SIZES = {B, H, W, DW};
  private static final int[] ATOMIC_OPS = {ADD, OR, AND, XOR};

  /** A generated program, its input buffer and the seed that reproduces it. */
  record Program(long seed, List<Insn> insns, byte[] input, int functions) {}

  private final SplittableRandom rnd;
  private final Code code = new Code();
  private int functions;
  /** Labels of the functions' entries; function 0 is the main function. */
  private int[] entry;
  private int inLoop;

  private ProgramGenerator(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  /** The program of {@code seed}. */
  static Program generate(long seed) {
    ProgramGenerator g = new ProgramGenerator(seed);
    g.functions = 1 + g.rnd.nextInt(3);
    g.entry = new int[g.functions];
    for (int f = 0; f < g.functions; f++) {
      g.entry[f] = g.code.newLabel();
    }
    for (int f = 0; f < g.functions; f++) {
      g.function(f);
    }
    byte[] input = new byte[SIZE];
    for (int i = 0; i < WORK; i++) {
      input[i] = (byte) g.rnd.nextInt(256);
    }
    return new Program(seed, g.code.resolve(), input, g.functions);
  }

  private void function(int f) {
    code.label(entry[f]);
    int init;
    if (f == 0) {
      code.add(Insn.of(ALU64 | MOV | X, BUF, 1, 0, 0)); // r9 = r1 (the buffer)
      init = 1 << BUF;
      for (int r = 0; r <= LOOP_REG; r++) {
        init = constant(r, init);
      }
    } else {
      code.add(Insn.of(ALU64 | MOV | X, BUF, 5, 0, 0)); // r9 = r5 (the buffer)
      init = 0b11111 | 1 << BUF;
      for (int r : new int[] {0, 5, 6, 7, LOOP_REG}) {
        init = constant(r, init);
      }
    }
    for (int off = -STACK; off < 0; off += 8) {
      if (rnd.nextBoolean()) {
        code.add(Insn.of(ST | MEM | DW, FP, 0, off, rnd.nextInt()));
      } else {
        code.add(Insn.of(STX | MEM | DW, FP, pick(init & scalars()), off, 0));
      }
    }
    inLoop = 0;
    init = block(f, init, 6 + rnd.nextInt(20), 3);
    if (f + 1 < functions) {
      init = localCall(f, init, f + 1); // every function is called (the verifier insists)
    }
    if (f == 0) {
      for (int off = -STACK; off < 0; off += 8) {
        code.add(Insn.of(LDX | MEM | DW, 1, FP, off, 0));
        code.add(Insn.of(STX | MEM | DW, BUF, 1, WORK + STACK + off, 0));
      }
      code.add(Insn.of(STX | MEM | DW, BUF, 0, WORK + STACK, 0));
    }
    code.add(Insn.of(JMP | EXIT, 0, 0, 0, 0));
  }

  /** Scalar registers: r0..r8. */
  private static int scalars() {
    return 0x1ff;
  }

  private int pick(int mask) {
    int n = Integer.bitCount(mask);
    if (n == 0) {
      throw new IllegalStateException("no register to pick");
    }
    int k = rnd.nextInt(n);
    for (int r = 0; r < 16; r++) {
      if ((mask >> r & 1) != 0 && k-- == 0) {
        return r;
      }
    }
    throw new AssertionError();
  }

  /** Writes a random constant into {@code r}; returns the new set of initialised registers. */
  private int constant(int r, int init) {
    switch (rnd.nextInt(4)) {
      case 0 -> code.add(Insn.of(LDDW, r, 0, 0, interesting64()));
      case 1 -> code.add(Insn.of(ALU | MOV | K, r, 0, 0, interesting32()));
      default -> code.add(Insn.of(ALU64 | MOV | K, r, 0, 0, interesting32()));
    }
    return init | 1 << r;
  }

  private long interesting64() {
    return switch (rnd.nextInt(6)) {
      case 0 -> Long.MIN_VALUE;
      case 1 -> -1L;
      case 2 -> rnd.nextInt(-8, 9);
      case 3 -> (long) interesting32() << 32;
      default -> rnd.nextLong();
    };
  }

  private int interesting32() {
    return switch (rnd.nextInt(6)) {
      case 0 -> Integer.MIN_VALUE;
      case 1 -> -1;
      case 2 -> rnd.nextInt(-8, 9);
      case 3 -> Integer.MAX_VALUE;
      default -> rnd.nextInt();
    };
  }

  /** {@code n} statements; returns the registers initialised on every path after them. */
  private int block(int f, int init, int n, int depth) {
    for (int i = 0; i < n; i++) {
      init = statement(f, init, depth);
    }
    return init;
  }

  private int statement(int f, int init, int depth) {
    int k = rnd.nextInt(100);
    int src = init & scalars();
    int dstMask = init & WRITABLE;
    if (k < 30) {
      return alu(init);
    } else if (k < 34) {
      int dst = pick(dstMask);
      int[] widths = {16, 32, 64};
      int[] ops = {ALU | END | TO_LE, ALU | END | TO_BE, ALU64 | END | TO_LE};
      code.add(Insn.of(ops[rnd.nextInt(3)], dst, 0, 0, widths[rnd.nextInt(3)]));
    } else if (k < 37) {
      return constant(pick(WRITABLE), init);
    } else if (k < 45) {
      int size = SIZES[rnd.nextInt(4)];
      int bytes = bytes(size);
      int off = -bytes * (1 + rnd.nextInt(STACK / bytes));
      return load(size, pick(WRITABLE), FP, off, init);
    } else if (k < 53) {
      int size = SIZES[rnd.nextInt(4)];
      int off = -bytes(size) * (1 + rnd.nextInt(STACK / bytes(size)));
      store(size, FP, off, src);
    } else if (k < 61) {
      int size = SIZES[rnd.nextInt(4)];
      return load(size, pick(WRITABLE), BUF, rnd.nextInt(WORK - bytes(size) + 1), init);
    } else if (k < 68) {
      int size = SIZES[rnd.nextInt(4)];
      store(size, BUF, rnd.nextInt(WORK - bytes(size) + 1), src);
    } else if (k < 76) {
      return atomic(init);
    } else if (k < 88 && depth > 0) {
      return branch(f, init, depth);
    } else if (k < 92 && depth > 0 && inLoop == 0) {
      return loop(f, init, depth);
    } else if (k < 96 && f + 1 < functions) {
      return localCall(f, init);
    } else if (k < 100) {
      return csumDiff(init);
    } else {
      return alu(init);
    }
    return init;
  }

  private static int bytes(int size) {
    return switch (size) {
      case B -> 1;
      case H -> 2;
      case W -> 4;
      default -> 8;
    };
  }

  private int alu(int init) {
    int src = init & scalars();
    int dst = pick(init & WRITABLE);
    boolean wide = rnd.nextBoolean();
    int cls = wide ? ALU64 : ALU;
    int width = wide ? 64 : 32;
    int kind = rnd.nextInt(10);
    if (kind == 0) {
      code.add(Insn.of(cls | NEG, dst, 0, 0, 0));
    } else if (kind == 1) {
      // mov or movsx (8/16 bits, and 32 for ALU64)
      int[] offs = wide ? new int[] {0, 8, 16, 32} : new int[] {0, 8, 16};
      int w = pick(WRITABLE);
      code.add(Insn.of(cls | MOV | X, w, pick(src), offs[rnd.nextInt(offs.length)], 0));
      return init | 1 << w;
    } else {
      int op = ALU_OPS[rnd.nextInt(ALU_OPS.length)];
      boolean signed = (op == DIV || op == MOD) && rnd.nextBoolean();
      boolean shift = op == LSH || op == RSH || op == ARSH;
      if (rnd.nextBoolean()) {
        code.add(Insn.of(cls | op | X, dst, pick(src), signed ? 1 : 0, 0));
      } else {
        int imm = shift ? rnd.nextInt(width) : interesting32();
        if ((op == DIV || op == MOD) && imm == 0) {
          imm = 7; // the verifier refuses a division by the constant 0
        }
        code.add(Insn.of(cls | op | K, dst, 0, signed ? 1 : 0, imm));
      }
    }
    return init;
  }

  private int load(int size, int dst, int base, int off, int init) {
    boolean sx = size != DW && rnd.nextInt(3) == 0;
    code.add(Insn.of(LDX | (sx ? MEMSX : MEM) | size, dst, base, off, 0));
    return init | 1 << dst;
  }

  private void store(int size, int base, int off, int src) {
    if (rnd.nextBoolean()) {
      code.add(Insn.of(ST | MEM | size, base, 0, off, interesting32()));
    } else {
      code.add(Insn.of(STX | MEM | size, base, pick(src), off, 0));
    }
  }

  private int atomic(int init) {
    boolean wide = rnd.nextBoolean();
    int bytes = wide ? 8 : 4;
    int off = -bytes * (1 + rnd.nextInt(STACK / bytes));
    int kind = rnd.nextInt(10);
    int op;
    if (kind < 8) {
      op = ATOMIC_OPS[rnd.nextInt(4)] | (kind < 4 ? FETCH : 0);
    } else {
      op = kind == 8 ? XCHG : CMPXCHG;
    }
    boolean writesSrc = (op & FETCH) != 0 && op != CMPXCHG;
    int src = pick(writesSrc ? init & WRITABLE : init & scalars());
    if (op == CMPXCHG && (init & 1) == 0) {
      return init; // cmpxchg compares with r0
    }
    code.add(Insn.of(STX | ATOMIC | (wide ? DW : W), FP, src, off, op));
    return init;
  }

  private int condition(int init, int target) {
    int src = init & scalars();
    int op = JMP_OPS[rnd.nextInt(JMP_OPS.length)];
    int cls = rnd.nextBoolean() ? JMP : JMP32;
    if (rnd.nextBoolean()) {
      code.jump(Insn.of(cls | op | X, pick(src), pick(src), 0, 0), target);
    } else {
      code.jump(Insn.of(cls | op | K, pick(src), 0, 0, interesting32()), target);
    }
    return init;
  }

  private int branch(int f, int init, int depth) {
    int skip = code.newLabel();
    condition(init, skip);
    int then = block(f, init, 1 + rnd.nextInt(5), depth - 1);
    if (rnd.nextBoolean()) {
      code.label(skip);
      return init & then;
    }
    int end = code.newLabel();
    boolean longJump = rnd.nextBoolean();
    code.jump(longJump ? Insn.of(JMP32 | JA, 0, 0, 0, 0) : Insn.of(JMP | JA, 0, 0, 0, 0), end);
    code.label(skip);
    int other = block(f, init, 1 + rnd.nextInt(5), depth - 1);
    code.label(end);
    return then & other;
  }

  private int loop(int f, int init, int depth) {
    code.add(Insn.of(ALU64 | MOV | K, LOOP_REG, 0, 0, 1 + rnd.nextInt(6)));
    int top = code.newLabel();
    code.label(top);
    inLoop++;
    // a later iteration starts where the body ended: without r1..r5 when the body called
    int after = block(f, init & ~ARGS, 1 + rnd.nextInt(6), depth - 1);
    inLoop--;
    code.add(Insn.of(ALU64 | ADD | K, LOOP_REG, 0, 0, -1));
    code.jump(Insn.of(JMP | JNE | K, LOOP_REG, 0, 0, 0), top);
    return after;
  }

  private int localCall(int f, int init) {
    return localCall(f, init, f + 1 + rnd.nextInt(functions - f - 1));
  }

  private int localCall(int f, int init, int callee) {
    for (int r = 1; r <= 4; r++) {
      if (rnd.nextBoolean() && (init & scalars() & ~(1 << r)) != 0) {
        code.add(Insn.of(ALU64 | MOV | X, r, pick(init & scalars() & ~(1 << r)), 0, 0));
      } else {
        code.add(Insn.of(ALU64 | MOV | K, r, 0, 0, interesting32()));
      }
    }
    code.add(Insn.of(ALU64 | MOV | X, 5, BUF, 0, 0));
    code.jump(Insn.of(JMP | CALL, 0, CALL_LOCAL, 0, 0), entry[callee]);
    return (init & ~ARGS) | 1;
  }

  /** {@code r0 = bpf_csum_diff(r10 - a, n, r9 + b, m, seed)}. */
  private int csumDiff(int init) {
    int fromWords = rnd.nextInt(STACK / 4 + 1);
    int fromOff = -4 * (fromWords + rnd.nextInt(STACK / 4 - fromWords + 1));
    int toWords = rnd.nextInt(4);
    int toOff = rnd.nextInt(WORK - 4 * toWords + 1);
    int seed = init & scalars() & ~ARGS;
    if (seed != 0 && rnd.nextBoolean()) {
      code.add(Insn.of(ALU64 | MOV | X, 5, pick(seed), 0, 0));
    } else {
      code.add(Insn.of(ALU64 | MOV | K, 5, 0, 0, interesting32()));
    }
    code.add(Insn.of(ALU64 | MOV | X, 1, FP, 0, 0));
    code.add(Insn.of(ALU64 | ADD | K, 1, 0, 0, fromOff == 0 ? -STACK : fromOff));
    code.add(Insn.of(ALU64 | MOV | K, 2, 0, 0, 4 * fromWords));
    code.add(Insn.of(ALU64 | MOV | X, 3, BUF, 0, 0));
    code.add(Insn.of(ALU64 | ADD | K, 3, 0, 0, toOff));
    code.add(Insn.of(ALU64 | MOV | K, 4, 0, 0, 4 * toWords));
    code.add(Insn.of(JMP | CALL, 0, CALL_HELPER, 0, HelperId.CSUM_DIFF));
    return (init & ~ARGS) | 1;
  }
}
