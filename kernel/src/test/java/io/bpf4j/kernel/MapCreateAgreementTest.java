package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.kernel.sys.SysException;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapSpec;
import io.bpf4j.maps.BpfMaps;
import io.bpf4j.uapi.MapType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which map shapes can be created, in the kernel and on the JVM backend: for every map type
 * the JVM backend has and a grid of key sizes, value sizes, max_entries and flags, both create
 * the map or both refuse it.
 */
@RequiresKernel
class MapCreateAgreementTest {
  static final List<MapType> TYPES = List.of(MapType.ARRAY, MapType.PERCPU_ARRAY, MapType.HASH,
      MapType.PERCPU_HASH, MapType.LRU_HASH, MapType.LRU_PERCPU_HASH, MapType.LPM_TRIE,
      MapType.QUEUE, MapType.STACK, MapType.BLOOM_FILTER, MapType.RINGBUF,
      MapType.USER_RINGBUF, MapType.PERF_EVENT_ARRAY, MapType.PROG_ARRAY, MapType.DEVMAP,
      MapType.DEVMAP_HASH, MapType.CPUMAP, MapType.XSKMAP, MapType.STACK_TRACE);

  /** none, NO_PREALLOC, NO_COMMON_LRU, RDONLY, BUILD_ID, ZERO_SEED, RDONLY_PROG, both _PROG,
   * MMAPABLE, PRESERVE_ELEMS, INNER_MAP. */
  static final int[] FLAGS = {0, 1, 2, 1 << 3, 1 << 5, 1 << 6, 1 << 7, (1 << 7) | (1 << 8),
      1 << 10, 1 << 11, 1 << 12};

  static boolean kernel(MapType t, int k, int v, int max, int flags) {
    try {
      KernelMap.create(MapOptions.of(t, k, v, max).withFlags(flags)).close();
      return true;
    } catch (SysException e) {
      return false;
    }
  }

  static boolean jvm(MapType t, int k, int v, int max, int flags) {
    try {
      BpfMap m = BpfMaps.create(new BpfMapSpec("m", t, k, v, max, flags, 0, null));
      m.close();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Test
  void sameShapesAsTheKernel() {
    List<String> differ = new ArrayList<>();
    int compared = 0;
    for (MapType t : TYPES) {
      for (int k : new int[] {0, 4, 8, 9, 512}) {
        for (int v : new int[] {0, 1, 4, 8, 1016}) {
          for (int max : new int[] {0, 1, 4096}) {
            for (int flags : FLAGS) {
              if (t == MapType.PERF_EVENT_ARRAY && max == 0) {
                continue; // on the JVM backend 0 means one per CPU, as libbpf fills it in
              }
              boolean kk = kernel(t, k, v, max, flags);
              boolean jj = jvm(t, k, v, max, flags);
              compared++;
              if (kk != jj) {
                differ.add(t + " key " + k + " value " + v + " max " + max + " flags " + flags
                    + ": kernel " + (kk ? "creates" : "refuses") + ", JVM "
                    + (jj ? "creates" : "refuses"));
              }
            }
          }
        }
      }
    }
    System.out.println("MapCreateAgreementTest: " + compared + " shapes");
    differ.forEach(d -> System.out.println("  DIFF " + d));
    assertEquals("", String.join("\n", differ));
  }
}
