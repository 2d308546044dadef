package io.bpf4j.bench;

import static io.bpf4j.isa.Opcodes.*;

import io.bpf4j.isa.Insn;
import io.bpf4j.vm.HelperTable;
import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
import io.bpf4j.vm.InvalidProgramException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter on loop-heavy programs. One JMH operation is one executed eBPF instruction
 * ({@link OperationsPerInvocation} is the exact count of a run, checked in the setup), so the
 * score is nanoseconds per instruction.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -jar bench/target/benchmarks.jar Interpreter -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class InterpreterBenchmark {
  /** Iterations of the arithmetic loop. */
  static final int ALU_ROUNDS = 1000;
  /** Instructions of one run of the arithmetic loop: 3 before, 6 per round, exit. */
  static final int ALU_INSNS = 3 + 6 * ALU_ROUNDS + 1;
  /** Bytes summed by the checksum loop. */
  static final int BYTES = 1024;
  /** Instructions of one run of the checksum loop: 4 before, 4 per byte, exit. */
  static final int CHECKSUM_INSNS = 4 + 4 * BYTES + 1;
  /** Calls made by the call loop. */
  static final int CALLS = 500;
  /** Instructions of one run of the call loop: 2 before, 4 + 4 (callee) per call, 2 after. */
  static final int CALL_INSNS = 2 + 8 * CALLS + 2;

  @Param({"fast", "checked"})
  public String mode;

  private Arena arena;
  private MemorySegment input;
  private Interpreter alu;
  private Interpreter checksum;
  private Interpreter calls;

  /** r0 = mix of 0..999: add, xor, shift, multiply, compare-and-branch. */
  static List<Insn> aluLoop() {
    return List.of(
        Insn.of(ALU64 | MOV | K, 0, 0, 0, 0),
        Insn.of(ALU64 | MOV | K, 1, 0, 0, 0),
        Insn.of(ALU64 | MOV | K, 2, 0, 0, ALU_ROUNDS),
        Insn.of(ALU64 | ADD | X, 0, 1, 0, 0), // loop:
        Insn.of(ALU64 | XOR | K, 0, 0, 0, 0x5a5a),
        Insn.of(ALU64 | LSH | K, 0, 0, 0, 1),
        Insn.of(ALU | MUL | K, 0, 0, 0, 3),
        Insn.of(ALU64 | ADD | K, 1, 0, 0, 1),
        Insn.of(JMP | JLT | X, 1, 2, -6, 0),
        Insn.of(JMP | EXIT, 0, 0, 0, 0));
  }

  /** r0 = sum of the bytes of the input (r1, r2). */
  static List<Insn> checksumLoop() {
    return List.of(
        Insn.of(ALU64 | MOV | K, 0, 0, 0, 0),
        Insn.of(ALU64 | MOV | X, 3, 1, 0, 0),
        Insn.of(ALU64 | MOV | X, 4, 1, 0, 0),
        Insn.of(ALU64 | ADD | X, 4, 2, 0, 0),
        Insn.of(LDX | MEM | B, 5, 3, 0, 0), // loop:
        Insn.of(ALU64 | ADD | X, 0, 5, 0, 0),
        Insn.of(ALU64 | ADD | K, 3, 0, 0, 1),
        Insn.of(JMP | JLT | X, 3, 4, -4, 0),
        Insn.of(JMP | EXIT, 0, 0, 0, 0));
  }

  /** A loop that calls a local function which spills its argument to its stack frame. */
  static List<Insn> callLoop() {
    return List.of(
        Insn.of(ALU64 | MOV | K, 6, 0, 0, 0),
        Insn.of(ALU64 | MOV | K, 7, 0, 0, CALLS),
        Insn.of(ALU64 | MOV | X, 1, 6, 0, 0), // loop:
        Insn.of(JMP | CALL, 0, CALL_LOCAL, 0, 5),
        Insn.of(ALU64 | ADD | K, 6, 0, 0, 1),
        Insn.of(JMP | JLT | X, 6, 7, -4, 0),
        Insn.of(ALU64 | MOV | X, 0, 6, 0, 0),
        Insn.of(JMP | EXIT, 0, 0, 0, 0),
        Insn.of(JMP | EXIT, 0, 0, 0, 0), // never reached
        Insn.of(STX | MEM | DW, 10, 1, -8, 0), // f:
        Insn.of(LDX | MEM | DW, 0, 10, -8, 0),
        Insn.of(ALU64 | ADD | K, 0, 0, 0, 1),
        Insn.of(JMP | EXIT, 0, 0, 0, 0));
  }

  @Setup(Level.Trial)
  public void setUp() throws InvalidProgramException {
    InterpreterOptions opts = switch (mode) {
      case "fast" -> InterpreterOptions.fast();
      case "checked" -> InterpreterOptions.checkedMode().withBudget(Long.MAX_VALUE);
      default -> throw new IllegalArgumentException("mode " + mode);
    };
    arena = Arena.ofShared();
    input = arena.allocate(BYTES, 8);
    for (int i = 0; i < BYTES; i++) {
      input.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (i * 7));
    }
    alu = Interpreter.load(aluLoop(), HelperTable.empty(), opts);
    checksum = Interpreter.load(checksumLoop(), HelperTable.empty(), opts);
    calls = Interpreter.load(callLoop(), HelperTable.empty(), opts);
    expect(alu, 0, 0, ALU_INSNS);
    expect(checksum, input.address(), BYTES, CHECKSUM_INSNS);
    expect(calls, 0, 0, CALL_INSNS);
  }

  private static void expect(Interpreter vm, long ctx, long len, int insns) {
    vm.run(ctx, len);
    if (vm.lastInstructions() != insns) {
      throw new IllegalStateException(
          "benchmark program ran " + vm.lastInstructions() + " instructions, not " + insns);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  @OperationsPerInvocation(ALU_INSNS)
  public long aluLoop1000() {
    return alu.run(0, 0);
  }

  @Benchmark
  @OperationsPerInvocation(CHECKSUM_INSNS)
  public long byteChecksum1K() {
    return checksum.run(input.address(), BYTES);
  }

  @Benchmark
  @OperationsPerInvocation(CALL_INSNS)
  public long localCalls500() {
    return calls.run(0, 0);
  }
}
