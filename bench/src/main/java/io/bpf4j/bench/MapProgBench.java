package io.bpf4j.bench;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.jvm.JvmObject;
import io.bpf4j.jvm.JvmProgram;
import io.bpf4j.maps.BpfMap;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Map operations from a program on the JVM backend, in JMH (wall time): one invocation is one
 * run of a program of {@code bench/bpf/map_ops.bpf.c}, 1024 lookups or updates of one map,
 * so the score is ns per map operation. {@link MapProgCpuTime} times the same programs in CPU
 * time beside the kernel's {@code BPF_PROG_TEST_RUN} of the same object.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class MapProgBench {
  @Param({"hash", "array", "lru_hash", "lpm_trie"})
  public String map;

  @Param({"jit", "interpreter"})
  public String engine;

  private JvmObject obj;
  private JvmProgram lookup;
  private JvmProgram update;
  private long ctx;

  @Setup
  public void setUp() throws IOException, JvmLoadException {
    obj = MapPrograms.load(JvmEngine.valueOf(engine.toUpperCase(Locale.ROOT)));
    ctx = MapPrograms.xdpContext();
    update = MapPrograms.program(obj, "update", map);
    lookup = MapPrograms.program(obj, "lookup", map);
    update.run(ctx, 24); // fills the map
  }

  @TearDown
  public void tearDown() {
    obj.maps().values().forEach(BpfMap::close);
  }

  /** 1024 {@code bpf_map_lookup_elem} calls, every key present. */
  @Benchmark
  @OperationsPerInvocation(MapPrograms.OPS)
  public long lookup() {
    return lookup.run(ctx, 24);
  }

  /** 1024 {@code bpf_map_update_elem} calls, each replacing an element. */
  @Benchmark
  @OperationsPerInvocation(MapPrograms.OPS)
  public long update() {
    return update.run(ctx, 24);
  }
}
