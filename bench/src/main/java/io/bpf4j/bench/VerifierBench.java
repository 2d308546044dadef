package io.bpf4j.bench;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.elf.ObjectSpec;
import io.bpf4j.verifier.ObjectInputs;
import io.bpf4j.verifier.Verifier;
import io.bpf4j.verifier.VerifierInput;
import io.bpf4j.verifier.VerifierResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * bpf4j's verifier, warm, on the larger programs of the verifier corpus
 * (core/src/test/bpf/verifier, read by the loader once in the setup): the time of one
 * {@link Verifier#verify}, to compare with the "verification time" the kernel prints for the
 * same object ({@code bpftool -d prog load}). Run from the repository root, or set
 * {@code -Dbpf4j.root}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class VerifierBench {
  @Param({"c_xdp_count_proto", "c_ringbuf_event", "c_loop_sum", "c_loop_1000",
      "cfg_loop_bounded_5000", "c_bpf_loop", "map_value_var_index_lt"})
  public String program;

  VerifierInput input;

  @Setup
  public void setup() throws Exception {
    Path root = Path.of(System.getProperty("bpf4j.root", "."));
    Path obj = root.resolve("core/src/test/bpf/verifier/" + program + ".o");
    if (!Files.exists(obj)) {
      obj = root.resolve("../core/src/test/bpf/verifier/" + program + ".o");
    }
    ObjectSpec spec = ObjectReader.read(obj);
    input = ObjectInputs.of(spec, spec.programs().getFirst(), null, true);
    VerifierResult r = Verifier.verify(input);
    if (!r.accepted()) {
      throw new IllegalStateException(program + " is rejected: " + r.format());
    }
  }

  @Benchmark
  public VerifierResult verify() {
    return Verifier.verify(input);
  }
}
