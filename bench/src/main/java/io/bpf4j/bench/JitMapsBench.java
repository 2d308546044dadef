package io.bpf4j.bench;

import io.bpf4j.jvm.JvmEngine;
import io.bpf4j.jvm.JvmLoadException;
import io.bpf4j.maps.BpfMap;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH (wall time) of the hash-map-heavy JIT benchmark ({@link JitMaps}: 64 flows, a hash map
 * lookup and update each, per run), beside {@link JitBench}'s programs without maps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitMapsBench {
  private JitMaps maps;

  @Setup
  public void setup() throws IOException, JvmLoadException {
    maps = JitMaps.load(JvmEngine.JIT);
    maps.run();
    System.out.printf("%njit maps result %d (compiled in %.3f ms)%n", maps.run() & 0xffffffffL,
        maps.program.compileNanos() / 1e6);
  }

  @TearDown
  public void tearDown() {
    maps.object.maps().values().forEach(BpfMap::close);
  }

  /** One run: 64 lookups and 64 updates of the flow table. */
  @Benchmark
  public long run() {
    return maps.run();
  }
}
