package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpf4j.elf.ObjectReader;
import io.bpf4j.maps.BpfMap;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * callback_runs.o (bpf_loop and bpf_for_each_map_elem from C) on every engine of the JVM
 * backend: the return values and final map contents that the kernel (Linux 6.18) gave for the
 * same runs, recorded here so that the test needs no kernel; {@code CallbackAgreementTest} in
 * the kernel module compares with a live kernel.
 */
class JvmCallbackRunsTest {
  static final Map<String, Long> RETURNS =
      Map.of("loop_sum", 8L, "loop_nested", 10L, "each_array", 6L, "each_hash", 19L);

  /** out's non-zero values after the four programs ran once each, in this order. */
  static final long[][] OUT = {
      {0, 4950}, {1, 100}, {2, 100}, {3, 3904}, {4, 8}, {5, 28}, {7, 0xfffffff9L}, {8, -22},
      {10, 4}, {11, 10}, {12, 50}, {13, 1234}, {14, 16}, {15, 1600376}, {16, 6}, {17, 1551},
      {18, -22}, {19, 10}, {20, 1000385}, {21, 111}, {22, 9}};
  static final long[][] ARR = {
      {0, 1}, {1, 204}, {2, 407}, {3, 610}, {4, 813}, {5, 1016}, {6, 619}, {7, 722}, {8, 825},
      {9, 928}, {10, 1031}, {11, 1134}, {12, 1237}, {13, 1340}, {14, 1443}, {15, 1546}};
  static final long[][] HASH = {
      {1, 201}, {2, 404}, {3, 609}, {4, 816}, {5, 1025}, {6, 1236}, {8, 1664}, {9, 1881},
      {10, 2100}};

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void runsAsInTheKernel(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(
        ObjectReader.read(JvmBackendTest.fixtures().resolve("callback_runs.o")),
        JvmLoadOptions.defaults().withEngine(engine));
    byte[] frame = new byte[64];
    for (String p : new String[] {"loop_sum", "loop_nested", "each_array", "each_hash"}) {
      assertEquals(RETURNS.get(p), o.program(p).testRun(frame, null, 1).retval(), p);
    }
    assertEquals(expected(OUT), nonZero(o.map("out")), "out");
    assertEquals(expected(ARR), nonZero(o.map("arr")), "arr");
    assertEquals(expected(HASH), nonZero(o.map("hash")), "hash");
  }

  static TreeMap<Long, Long> expected(long[][] pairs) {
    TreeMap<Long, Long> m = new TreeMap<>();
    for (long[] p : pairs) {
      m.put(p[0], p[1]);
    }
    return m;
  }

  /** The map's u32 -> u64 entries with a value other than 0. */
  static TreeMap<Long, Long> nonZero(BpfMap map) {
    TreeMap<Long, Long> m = new TreeMap<>();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(8, 8);
      for (MemorySegment k : map.keys()) {
        if (map.lookup(k, v) && v.get(ValueLayout.JAVA_LONG, 0) != 0) {
          m.put(Integer.toUnsignedLong(k.get(ValueLayout.JAVA_INT_UNALIGNED, 0)),
              v.get(ValueLayout.JAVA_LONG, 0));
        }
      }
    }
    return m;
  }
}
