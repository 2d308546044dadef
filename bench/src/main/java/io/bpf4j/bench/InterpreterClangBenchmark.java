package io.bpf4j.bench;

import io.bpf4j.vm.Interpreter;
import io.bpf4j.vm.InterpreterOptions;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter on the clang-compiled loops of {@link ClangLoops}. One JMH operation is one
 * executed eBPF instruction (the count is checked in the setup, and r0 against the JIT), so
 * the score is nanoseconds per instruction.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -jar bench/target/benchmarks.jar InterpreterClang -f 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class InterpreterClangBenchmark {
  @Param({"fast", "checked"})
  public String mode;

  private ClangLoops.Context xdp;
  private Interpreter hash;
  private Interpreter primes;
  private Interpreter sort;
  private Interpreter calls;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    InterpreterOptions o = mode.equals("fast") ? InterpreterOptions.fast()
        : InterpreterOptions.checkedMode().withBudget(Long.MAX_VALUE);
    xdp = new ClangLoops.Context();
    hash = ClangLoops.load("hash", o, xdp);
    primes = ClangLoops.load("primes", o, xdp);
    sort = ClangLoops.load("sort", o, xdp);
    calls = ClangLoops.load("calls", o, xdp);
  }

  @Benchmark
  @OperationsPerInvocation(ClangLoops.HASH_INSNS)
  public long hash() {
    return hash.run(xdp.address, xdp.length);
  }

  @Benchmark
  @OperationsPerInvocation(ClangLoops.PRIMES_INSNS)
  public long primes() {
    return primes.run(xdp.address, xdp.length);
  }

  @Benchmark
  @OperationsPerInvocation(ClangLoops.SORT_INSNS)
  public long sort() {
    return sort.run(xdp.address, xdp.length);
  }

  @Benchmark
  @OperationsPerInvocation(ClangLoops.CALLS_INSNS)
  public long calls() {
    return calls.run(xdp.address, xdp.length);
  }
}
