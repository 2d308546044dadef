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
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The operations of {@link MapBench#javaLookup}/{@link MapBench#javaUpdate} on kernel maps:
 * {@code BPF_MAP_LOOKUP_ELEM} and {@code BPF_MAP_UPDATE_ELEM} through a minimal FFM
 * {@code syscall(__NR_bpf, ...)} (this benchmark's own, not the kernel backend's). Needs root.
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
  static final long NR_BPF = 321; // x86_64
  static final int MAP_CREATE = 0;
  static final int MAP_LOOKUP_ELEM = 1;
  static final int MAP_UPDATE_ELEM = 2;
  static final MethodHandle SYSCALL;

  static {
    Linker l = Linker.nativeLinker();
    SYSCALL = l.downcallHandle(l.defaultLookup().find("syscall").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
        Linker.Option.firstVariadicArg(1));
  }

  @Param({"HASH", "ARRAY", "LRU_HASH", "LPM_TRIE"})
  public String type;

  MemorySegment attr;
  MemorySegment keys;
  MemorySegment updateKeys;
  MemorySegment value;
  int keySize;
  int fd;
  int i;

  static long bpf(int cmd, MemorySegment attr, int size) throws Throwable {
    return (long) SYSCALL.invokeExact(NR_BPF, cmd, attr, size);
  }

  @Setup(Level.Trial)
  public void setUp() throws Throwable {
    Arena arena = Arena.ofAuto();
    int mapType = switch (type) {
      case "HASH" -> 1;
      case "ARRAY" -> 2;
      case "LRU_HASH" -> 9;
      default -> 11;
    };
    boolean lpm = mapType == 11;
    keySize = lpm ? 8 : 4;
    MemorySegment create = arena.allocate(72, 8);
    create.set(ValueLayout.JAVA_INT, 0, mapType);
    create.set(ValueLayout.JAVA_INT, 4, keySize);
    create.set(ValueLayout.JAVA_INT, 8, 8);
    create.set(ValueLayout.JAVA_INT, 12, MapBench.ENTRIES);
    create.set(ValueLayout.JAVA_INT, 16, lpm ? 1 : 0);
    fd = (int) bpf(MAP_CREATE, create, 72);
    if (fd < 0) {
      throw new IllegalStateException("BPF_MAP_CREATE failed (needs root): " + fd);
    }
    attr = arena.allocate(32, 8);
    keys = arena.allocate((long) keySize * MapBench.ENTRIES, 8);
    updateKeys = lpm ? arena.allocate((long) keySize * MapBench.ENTRIES, 8) : keys;
    value = arena.allocate(8, 8);
    for (int n = 0; n < MapBench.ENTRIES; n++) {
      MemorySegment k = keys.asSlice((long) n * keySize, keySize);
      MapBench.key(io.bpf4j.uapi.MapType.valueOf(type), k, n);
      MemorySegment insert = updateKeys.asSlice((long) n * keySize, keySize);
      if (lpm) {
        insert.copyFrom(k);
        insert.set(ValueLayout.JAVA_INT, 0, 24);
      }
      if (elem(MAP_UPDATE_ELEM, insert.address()) != 0) {
        throw new IllegalStateException("BPF_MAP_UPDATE_ELEM failed");
      }
    }
  }

  private long elem(int cmd, long key) throws Throwable {
    attr.set(ValueLayout.JAVA_INT, 0, fd);
    attr.set(ValueLayout.JAVA_LONG, 8, key);
    attr.set(ValueLayout.JAVA_LONG, 16, value.address());
    attr.set(ValueLayout.JAVA_LONG, 24, 0);
    return bpf(cmd, attr, 32);
  }

  private long nextKey() {
    i = (i + 1) & (MapBench.ENTRIES - 1);
    return keys.address() + (long) i * keySize;
  }

  /** {@code BPF_MAP_LOOKUP_ELEM}: the kernel copies the value out. */
  @Benchmark
  public long kernelLookup() throws Throwable {
    return elem(MAP_LOOKUP_ELEM, nextKey());
  }

  /** {@code BPF_MAP_UPDATE_ELEM} with {@code BPF_ANY} (the trie: its /24 prefixes). */
  @Benchmark
  public long kernelUpdate() throws Throwable {
    i = (i + 1) & (MapBench.ENTRIES - 1);
    return elem(MAP_UPDATE_ELEM, updateKeys.address() + (long) i * keySize);
  }
}
