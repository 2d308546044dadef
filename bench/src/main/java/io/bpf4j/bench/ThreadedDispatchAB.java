package io.bpf4j.bench;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * A design question measured, not a second interpreter: would call-threaded dispatch beat the
 * interpreter's switch? Each slot becomes an object of a class made for its operation, with
 * its operands in final fields ({@code r[d] += k}); the loop is {@code pc = ops[pc].exec(r,
 * pc)}, one megamorphic virtual call per dispatch instead of the switch's compare tree and the
 * field decoding. Only the operations of the hand-written loops are built (aluLoop1000 and
 * byteChecksum1K, with the interpreter's two fused groups of those loops), so both engines run
 * the same number of dispatches. Both are timed in one JVM, interleaved rounds of thread CPU
 * time per executed eBPF instruction.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.bpf4j.bench.ThreadedDispatchAB PROGRAM WARMUP_S ROUNDS ROUND_MS
 * </pre>
 *
 * <p>PROGRAM is aluLoop1000 or byteChecksum1K. Result: docs/PERFORMANCE.md, Interpreter,
 * "sixth attempt".
 */
public final class ThreadedDispatchAB {
  private ThreadedDispatchAB() {}

  private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  /** One slot: does its work and returns the next slot, or -1 at exit. */
  abstract static class Op {
    abstract int exec(long[] r, int pc);
  }

  static final class MovK extends Op {
    final int d;
    final long k;

    MovK(int d, long k) {
      this.d = d;
      this.k = k;
    }

    @Override
    int exec(long[] r, int pc) {
      r[d] = k;
      return pc + 1;
    }
  }

  static final class MovX extends Op {
    final int d;
    final int s;

    MovX(int d, int s) {
      this.d = d;
      this.s = s;
    }

    @Override
    int exec(long[] r, int pc) {
      r[d] = r[s];
      return pc + 1;
    }
  }

  static final class AddX extends Op {
    final int d;
    final int s;

    AddX(int d, int s) {
      this.d = d;
      this.s = s;
    }

    @Override
    int exec(long[] r, int pc) {
      r[d] += r[s];
      return pc + 1;
    }
  }

  static final class XorK extends Op {
    final int d;
    final long k;

    XorK(int d, long k) {
      this.d = d;
      this.k = k;
    }

    @Override
    int exec(long[] r, int pc) {
      r[d] ^= k;
      return pc + 1;
    }
  }

  static final class LshK extends Op {
    final int d;
    final int k;

    LshK(int d, int k) {
      this.d = d;
      this.k = k;
    }

    @Override
    int exec(long[] r, int pc) {
      r[d] <<= k;
      return pc + 1;
    }
  }

  static final class Mul32K extends Op {
    final int d;
    final int k;

    Mul32K(int d, int k) {
      this.d = d;
      this.k = k;
    }

    @Override
    int exec(long[] r, int pc) {
      r[d] = ((int) r[d] * k) & 0xffffffffL;
      return pc + 1;
    }
  }

  /** {@code rD += K; if rD < rS goto} (unsigned): the interpreter's {@code ADDK_JLTX}. */
  static final class AddKJltX extends Op {
    final int d;
    final int s;
    final int off;
    final long k;

    AddKJltX(int d, long k, int s, int off) {
      this.d = d;
      this.k = k;
      this.s = s;
      this.off = off;
    }

    @Override
    int exec(long[] r, int pc) {
      long v = r[d] + k;
      r[d] = v;
      return Long.compareUnsigned(v, r[s]) < 0 ? pc + 2 + off : pc + 2;
    }
  }

  /** {@code rD = *(u8 *)(rS + off); rC += rD}: the interpreter's {@code LDXB_ADDX}. */
  static final class LdxbAddX extends Op {
    final int d;
    final int s;
    final int c;
    final int off;

    LdxbAddX(int d, int s, int off, int c) {
      this.d = d;
      this.s = s;
      this.off = off;
      this.c = c;
    }

    @Override
    int exec(long[] r, int pc) {
      long v = ALL.get(ValueLayout.JAVA_BYTE, r[s] + off) & 0xffL;
      r[d] = v;
      r[c] += v;
      return pc + 2;
    }
  }

  static final class Exit extends Op {
    @Override
    int exec(long[] r, int pc) {
      return -1;
    }
  }

  /** The threaded form of {@code insns}, fusing the two groups the interpreter fuses here. */
  static Op[] build(List<Insn> insns) {
    Op[] ops = new Op[insns.size()];
    for (int i = 0; i < insns.size(); i++) {
      Insn in = insns.get(i);
      Insn next = i + 1 < insns.size() ? insns.get(i + 1) : null;
      int d = in.dst();
      int s = in.src();
      ops[i] = switch (in.opcode()) {
        case ALU64 | MOV | K -> new MovK(d, in.imm());
        case ALU64 | MOV | X -> new MovX(d, s);
        case ALU64 | ADD | X -> new AddX(d, s);
        case ALU64 | XOR | K -> new XorK(d, in.imm());
        case ALU64 | LSH | K -> new LshK(d, (int) in.imm());
        case ALU | MUL | K -> new Mul32K(d, (int) in.imm());
        case ALU64 | ADD | K -> next != null && next.opcode() == (JMP | JLT | X) && next.dst() == d
            ? new AddKJltX(d, in.imm(), next.src(), next.offset())
            : unsupported(in);
        case LDX | MEM | B -> next != null && next.opcode() == (ALU64 | ADD | X) && next.src() == d
            ? new LdxbAddX(d, s, in.offset(), next.dst())
            : unsupported(in);
        case JMP | EXIT -> new Exit();
        // the jump of a fused back edge: never dispatched
        default -> i > 0 && ops[i - 1] instanceof AddKJltX ? null : unsupported(in);
      };
    }
    return ops;
  }

  private static Op unsupported(Insn in) {
    throw new IllegalArgumentException("the threaded prototype has no operation for " + in);
  }

  /** Runs the threaded program; returns r0. */
  static long run(Op[] ops, long[] r, long r1, long r2) {
    Arrays.fill(r, 0);
    r[1] = r1;
    r[2] = r2;
    int pc = 0;
    while (pc >= 0) {
      pc = ops[pc].exec(r, pc);
    }
    return r[0];
  }

  public static void main(String[] a) throws Exception {
    String prog = a[0];
    double warm = Double.parseDouble(a[1]);
    int rounds = Integer.parseInt(a[2]);
    double roundMs = Double.parseDouble(a[3]);
    List<Insn> insns;
    long ctx = 0;
    long len = 0;
    long count;
    if (prog.equals("aluLoop1000")) {
      insns = InterpreterBenchmark.aluLoop();
      count = InterpreterBenchmark.ALU_INSNS;
    } else if (prog.equals("byteChecksum1K")) {
      insns = InterpreterBenchmark.checksumLoop();
      count = InterpreterBenchmark.CHECKSUM_INSNS;
      MemorySegment in = Arena.global().allocate(InterpreterBenchmark.BYTES, 8);
      for (int i = 0; i < InterpreterBenchmark.BYTES; i++) {
        in.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
      }
      ctx = in.address();
      len = InterpreterBenchmark.BYTES;
    } else {
      throw new IllegalArgumentException("PROGRAM is aluLoop1000 or byteChecksum1K, not " + prog);
    }
    Interpreter vm = Interpreter.load(insns, HelperTable.empty(), InterpreterOptions.fast());
    Op[] ops = build(insns);
    long[] regs = new long[16];
    long expect = vm.run(ctx, len);
    if (run(ops, regs, ctx, len) != expect || vm.lastInstructions() != count) {
      throw new IllegalStateException("the two engines disagree on " + prog);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    final long c = ctx;
    final long l = len;
    Runnable[] engines = {() -> vm.run(c, l), () -> run(ops, regs, c, l)};
    String[] names = {"switch", "threaded"};
    for (Runnable e : engines) {
      long end = mx.getCurrentThreadCpuTime() + (long) (warm * 1e9);
      while (mx.getCurrentThreadCpuTime() < end) {
        e.run();
      }
    }
    double[][] ns = new double[2][rounds];
    for (int k = 0; k < rounds; k++) {
      for (int v = 0; v < 2; v++) {
        long t0 = mx.getCurrentThreadCpuTime();
        long end = t0 + (long) (roundMs * 1e6);
        long runs = 0;
        long t;
        do {
          for (int i = 0; i < 50; i++) {
            engines[v].run();
          }
          runs += 50;
          t = mx.getCurrentThreadCpuTime();
        } while (t < end);
        ns[v][k] = (t - t0) / (double) (runs * count);
        System.out.printf("round %2d %-8s %.3f ns/insn%n", k, names[v], ns[v][k]);
      }
    }
    double[] med = new double[2];
    for (int v = 0; v < 2; v++) {
      double[] sorted = ns[v].clone();
      Arrays.sort(sorted);
      med[v] = sorted[rounds / 2];
      System.out.printf("%s %-8s min %.3f median %.3f ns per instruction%n",
          prog, names[v], sorted[0], med[v]);
    }
    System.out.printf("%s threaded / switch (medians): %.2f%n", prog, med[1] / med[0]);
  }
}
