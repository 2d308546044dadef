package io.bpf4j.bench;

import io.bpf4j.kernel.KernelMap;
import io.bpf4j.kernel.MapOptions;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.uapi.MapType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Map lookup and update from Java, in thread CPU time (user + system, so a system call's
 * kernel time counts): the JVM backend's Java API ({@link BpfMap#lookup}/{@link
 * BpfMap#update}, which copy key and value as {@code bpf()} does) against the same operation
 * on a kernel map through {@code bpf()} ({@link KernelMap}, one FFM system call). Maps of
 * 1024 entries shaped like {@code bench/bpf/map_ops.bpf.c}'s (u32 keys, u64 values; the
 * lpm_trie holds /24 prefixes, looked up with /32 addresses and updated on its prefixes),
 * every key present, keys cycled. 1 s warm-up, best of 5 rounds of about 0.2 s.
 *
 * <p>{@code java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.bpf4j.bench.MapApiCpuTime [jvm] [kernel] [MAP...]} prints "mapapi SIDE OP MAP NS ns/op".
 * The kernel side needs root.
 */
public final class MapApiCpuTime {
  private MapApiCpuTime() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int ENTRIES = MapPrograms.OPS;

  public static void main(String[] args) {
    List<String> sides = new ArrayList<>();
    List<String> maps = new ArrayList<>();
    for (String a : args) {
      if (a.equals("jvm") || a.equals("kernel")) {
        sides.add(a);
      } else if (MapPrograms.MAPS.contains(a)) {
        maps.add(a);
      } else {
        System.err.println("usage: MapApiCpuTime [jvm|kernel]... [MAP]...; maps: "
            + MapPrograms.MAPS);
        System.exit(2);
      }
    }
    if (sides.isEmpty()) {
      sides.addAll(List.of("jvm", "kernel"));
    }
    if (maps.isEmpty()) {
      maps.addAll(MapPrograms.MAPS);
    }
    for (String side : sides) {
      for (String name : maps) {
        run(side, name);
      }
    }
  }

  /** Keys and values as map_ops.bpf.c uses them: lookup keys, update keys, one value. */
  private record Shape(MapType type, int keySize, MemorySegment lookupKeys,
      MemorySegment updateKeys, MemorySegment value) {
    MemorySegment lookupKey(int i) {
      return lookupKeys.asSlice((long) i * keySize, keySize);
    }

    MemorySegment updateKey(int i) {
      return updateKeys.asSlice((long) i * keySize, keySize);
    }
  }

  private static Shape shape(String name, Arena arena) {
    MapType t = MapType.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    int ks = t == MapType.LPM_TRIE ? 8 : 4;
    MemorySegment lookup = arena.allocate((long) ks * ENTRIES, 8);
    MemorySegment update = t == MapType.LPM_TRIE ? arena.allocate((long) ks * ENTRIES, 8) : lookup;
    for (int n = 0; n < ENTRIES; n++) {
      MapBench.key(t, lookup.asSlice((long) n * ks, ks), n);
      if (t == MapType.LPM_TRIE) {
        MemorySegment u = update.asSlice((long) n * ks, ks);
        u.copyFrom(lookup.asSlice((long) n * ks, ks));
        u.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 24);
      }
    }
    return new Shape(t, ks, lookup, update, arena.allocate(8, 8));
  }

  private static void run(String side, String name) {
    try (Arena arena = Arena.ofConfined()) {
      Shape s = shape(name, arena);
      IntPredicate lookup;
      IntPredicate update;
      AutoCloseable close;
      if (side.equals("jvm")) {
        BpfMap m = BpfMaps.create(BpfMapSpec.of("bench", s.type(), s.keySize(), 8, ENTRIES));
        lookup = i -> m.lookup(s.lookupKey(i), s.value());
        update = i -> {
          m.update(s.updateKey(i), s.value(), BpfMap.BPF_ANY);
          return true;
        };
        close = m;
      } else {
        KernelMap m;
        try {
          MapOptions o = MapOptions.of(s.type(), s.keySize(), 8, ENTRIES).withName("bench");
          m = KernelMap.create(
              s.type() == MapType.LPM_TRIE ? o.withFlags(MapOptions.F_NO_PREALLOC) : o);
        } catch (RuntimeException e) {
          System.out.println("mapapi kernel skipped: " + e.getMessage());
          return;
        }
        lookup = i -> m.lookup(s.lookupKey(i), s.value());
        update = i -> {
          m.update(s.updateKey(i), s.value(), KernelMap.ANY);
          return true;
        };
        close = m;
      }
      for (int i = 0; i < ENTRIES; i++) {
        update.test(i);
      }
      print(side, "update", name, cpuTime(update));
      print(side, "lookup", name, cpuTime(lookup));
      close.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double cpuTime(IntPredicate op) {
    int hits = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    while (THREADS.getCurrentThreadCpuTime() - start < 1_000_000_000L) {
      for (int i = 0; i < ENTRIES; i++) {
        hits += op.test(i) ? 1 : 0;
      }
    }
    long reps = ENTRIES;
    for (;;) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (long i = 0; i < reps; i++) {
        hits += op.test((int) i & (ENTRIES - 1)) ? 1 : 0;
      }
      if (THREADS.getCurrentThreadCpuTime() - t0 > 200_000_000L || reps >= 1L << 30) {
        break;
      }
      reps *= 2;
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (long i = 0; i < reps; i++) {
        hits += op.test((int) i & (ENTRIES - 1)) ? 1 : 0;
      }
      best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - t0) / (double) reps);
    }
    if (hits == 42) {
      System.out.print(" ");
    }
    return best;
  }

  private static void print(String side, String op, String map, double ns) {
    System.out.printf("mapapi %-6s %-6s %-8s %8.1f ns/op%n", side, op, map, ns);
  }
}
