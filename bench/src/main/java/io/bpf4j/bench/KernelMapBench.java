package io.bpf4j.bench;

import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.MapOptions;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Map lookup and update from Java: through {@code bpf()} on the kernel backend (one system
 * call each, FFM, no allocation) against the same operation on the JVM backend's maps. A
 * hash and an array map of 1024 entries, u32 keys, u64 values; every key present. Needs
 * root for the kernel half.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class KernelMapBench {
  static final int ENTRIES = 1024;

  @Param({"HASH", "ARRAY"})
  public String type;

  KernelMap kernel;
  BpfMap jvm;
  Arena arena;
  MemorySegment key;
  MemorySegment value;
  int next;

  @Setup(Level.Trial)
  public void setUp() {
    MapType t = MapType.valueOf(type);
    kernel = KernelMap.create(MapOptions.of(t, 4, 8, ENTRIES).withName("bench"));
    jvm = BpfMaps.create(BpfMapSpec.of("bench", t, 4, 8, ENTRIES));
    arena = Arena.ofConfined();
    key = arena.allocate(4, 4);
    value = arena.allocate(8, 8);
    for (int i = 0; i < ENTRIES; i++) {
      key.set(ValueLayout.JAVA_INT, 0, i);
      value.set(ValueLayout.JAVA_LONG, 0, i);
      kernel.update(key, value, KernelMap.ANY);
      jvm.update(key, value, BpfMap.BPF_ANY);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    kernel.close();
    jvm.close();
    arena.close();
  }

  private MemorySegment nextKey() {
    key.set(ValueLayout.JAVA_INT, 0, next++ & (ENTRIES - 1));
    return key;
  }

  /** The floor: one FFM call of libc syscall(getpid) with errno captured. */
  @Benchmark
  public long syscallFloor() {
    return SYS.syscall(GETPID);
  }

  static final io.bpf4j.kernel.sys.Sys SYS = io.bpf4j.kernel.sys.Sys.system();
  static final long GETPID = SYS.numbers().getpid();

  @Benchmark
  public boolean kernelLookup() {
    return kernel.lookup(nextKey(), value);
  }

  @Benchmark
  public void kernelUpdate() {
    kernel.update(nextKey(), value, KernelMap.ANY);
  }

  @Benchmark
  public boolean jvmLookup() {
    return jvm.lookup(nextKey(), value);
  }

  @Benchmark
  public void jvmUpdate() {
    jvm.update(nextKey(), value, BpfMap.BPF_ANY);
  }
}
