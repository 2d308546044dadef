package io.bpf4j.bench;

import io.bpf4j.helpers.Helpers;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookup and update of JVM-backend maps with 1024 entries (keys cycled), the two ways they are
 * used: from a program ({@link Helpers}, the static calls the JIT emits: native key and value
 * addresses, no copy) and from Java ({@link BpfMap#lookup}/{@link BpfMap#update}, which copy
 * key and value). {@link KernelMapBench} does the same on kernel maps through bpf().
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class MapBench {
  static final int ENTRIES = 1024;

  @Param({"HASH", "ARRAY", "LRU_HASH", "LPM_TRIE"})
  public String type;

  BpfMap map;
  long mapPtr;
  MemorySegment keys;
  /** The keys updates use: the lookup keys, or for the trie its /24 prefixes. */
  MemorySegment updateKeys;
  MemorySegment value;
  int keySize;
  int i;

  /** The key of entry {@code n}: a u32, or for the trie a /32 address inside a /24 prefix. */
  static void key(MapType t, MemorySegment dst, int n) {
    if (t == MapType.LPM_TRIE) {
      dst.set(Memory.U32, 0, 32);
      dst.set(Memory.U32, 4, Integer.reverseBytes(0x0a000000 | (n << 8) | 7));
    } else {
      dst.set(Memory.U32, 0, n);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    MapType t = MapType.valueOf(type);
    keySize = t == MapType.LPM_TRIE ? 8 : 4;
    map = BpfMaps.create(BpfMapSpec.of("bench", t, keySize, 8, ENTRIES));
    mapPtr = map.address();
    Arena arena = Arena.ofAuto();
    keys = arena.allocate((long) keySize * ENTRIES, 8);
    updateKeys = t == MapType.LPM_TRIE ? arena.allocate((long) keySize * ENTRIES, 8) : keys;
    value = arena.allocate(8, 8);
    for (int n = 0; n < ENTRIES; n++) {
      MemorySegment k = keys.asSlice((long) n * keySize, keySize);
      key(t, k, n);
      MemorySegment u = updateKeys.asSlice((long) n * keySize, keySize);
      if (t == MapType.LPM_TRIE) {
        u.copyFrom(k);
        u.set(Memory.U32, 0, 24);
      }
      map.update(u, value, BpfMap.BPF_ANY);
    }
  }

  private long nextKey() {
    i = (i + 1) & (ENTRIES - 1);
    return keys.address() + (long) i * keySize;
  }

  private MemorySegment nextKeySegment() {
    i = (i + 1) & (ENTRIES - 1);
    return keys.asSlice((long) i * keySize, keySize);
  }

  private long nextUpdateKey() {
    i = (i + 1) & (ENTRIES - 1);
    return updateKeys.address() + (long) i * keySize;
  }

  /** {@code bpf_map_lookup_elem} as a program calls it. */
  @Benchmark
  public long programLookup() {
    return Helpers.mapLookupElem(mapPtr, nextKey());
  }

  /** {@code bpf_map_update_elem} as a program calls it (hash maps replace the element). */
  @Benchmark
  public long programUpdate() {
    return Helpers.mapUpdateElem(mapPtr, nextUpdateKey(), value.address(), BpfMap.BPF_ANY);
  }

  /** {@link BpfMap#lookup(MemorySegment, MemorySegment)}: copies the value out. */
  @Benchmark
  public boolean javaLookup() {
    return map.lookup(nextKeySegment(), value);
  }

  /** {@link BpfMap#update}: copies key and value in. */
  @Benchmark
  public MemorySegment javaUpdate() {
    i = (i + 1) & (ENTRIES - 1);
    MemorySegment k = updateKeys.asSlice((long) i * keySize, keySize);
    map.update(k, value, BpfMap.BPF_ANY);
    return k;
  }
}
