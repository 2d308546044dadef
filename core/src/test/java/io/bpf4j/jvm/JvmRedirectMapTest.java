package io.bpf4j.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bpf4j.helpers.Redirects;
import io.bpf4j.maps.BpfMap;
import io.bpf4j.maps.BpfMapException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * redirect_maps.o on each engine, with the maps filled as RedirectMapAgreementTest fills
 * them and the verdicts the kernel (Linux 6.18) gave for the same packets, recorded here.
 */
class JvmRedirectMapTest {
  static MemorySegment u32(int... v) {
    return MemorySegment.ofArray(v);
  }

  static int errno(BpfMap m, int key, int[] value, long flags) {
    return assertThrows(BpfMapException.class, () -> m.update(u32(key), u32(value), flags))
        .errno();
  }

  /** Program to the verdicts for a first byte of 0, 1, 2, 3, 7 and 200. */
  static final Map<String, List<Long>> VERDICTS = Map.of(
      "to_dev", List.of(2L, 4L, 2L, 2L, 2L, 2L),
      "to_dev_hash", List.of(1L, 1L, 1L, 1L, 4L, 1L),
      "to_cpu", List.of(4L, 2L, 2L, 2L, 2L, 2L),
      "to_xsk", List.of(2L, 2L, 2L, 2L, 2L, 2L),
      "broadcast", List.of(4L, 4L, 4L, 4L, 4L, 4L),
      "bad_flags", List.of(0L, 0L, 0L, 0L, 0L, 0L),
      "dev_lookup", List.of(99L, 11L, 99L, 99L, 99L, 99L));

  @ParameterizedTest
  @EnumSource(JvmEngine.class)
  void redirectsAsTheKernelDoes(JvmEngine engine) throws Exception {
    JvmObject o = JvmObject.load(JvmTimersTest.spec("redirect_maps.o"),
        JvmLoadOptions.defaults().withEngine(engine));
    try {
      BpfMap tx = o.map("tx");
      tx.update(u32(1), u32(1), 0); // lo
      tx.update(u32(3), u32(1), 0);
      tx.update(u32(3), u32(0), 0); // ifindex 0 empties the slot
      assertEquals(22, errno(tx, 2, new int[] {0x7ffffff0}, 0), "no such interface");
      assertEquals(7, errno(tx, 4, new int[] {1}, 0), "past the end");
      assertEquals(17, errno(tx, 1, new int[] {1}, 1), "BPF_NOEXIST on a DEVMAP");
      o.map("txh").update(u32(7), u32(1, 0), 0);
      assertEquals(17, errno(o.map("txh"), 7, new int[] {1, 0}, 1), "exists");
      assertEquals(22, errno(o.map("txh"), 9, new int[] {0, 0}, 0), "ifindex 0");
      assertEquals(22, errno(o.map("txh"), 9, new int[] {1, 3}, 0), "a program on the entry");
      o.map("cpus").update(u32(0), u32(64, 0), 0);
      assertEquals(75, errno(o.map("cpus"), 1, new int[] {20000, 0}, 0), "qsize > 16384");
      assertEquals(95, errno(o.map("xsks"), 0, new int[] {3}, 0), "no AF_XDP sockets here");
      int[] firsts = {0, 1, 2, 3, 7, 200};
      for (var e : VERDICTS.entrySet()) {
        for (int i = 0; i < firsts.length; i++) {
          byte[] packet = new byte[64];
          packet[0] = (byte) firsts[i];
          Redirects.clear();
          long got = o.program(e.getKey()).testRun(packet, null, 1).retval();
          assertEquals(e.getValue().get(i), got, e.getKey() + " with first byte " + firsts[i]);
          if (e.getKey().equals("to_dev") && got == 4) {
            assertEquals(new Redirects(1, 2), Redirects.last(), "the DEVMAP's interface");
          }
        }
      }
    } finally {
      o.maps().values().forEach(BpfMap::close);
    }
  }
}
