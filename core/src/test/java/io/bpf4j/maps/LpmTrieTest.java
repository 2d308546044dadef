package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LpmTrieTest {
  static MemorySegment key(int prefix, int a, int b, int c, int d) {
    return bytes(prefix, 0, 0, 0, a, b, c, d);
  }

  static BpfMap trie() {
    return BpfMaps.create(BpfMapSpec.of("lpm", MapType.LPM_TRIE, 8, 4, 16));
  }

  @Test
  void longestPrefixWins() {
    try (BpfMap m = trie()) {
      m.update(key(8, 10, 0, 0, 0), u32(1), 0);
      m.update(key(16, 10, 1, 0, 0), u32(2), 0);
      m.update(key(24, 10, 1, 2, 0), u32(3), 0);
      MemorySegment v = zeros(4);
      assertTrue(m.lookup(key(32, 10, 1, 2, 3), v));
      assertEquals(3, getU32(v));
      assertTrue(m.lookup(key(32, 10, 1, 9, 3), v));
      assertEquals(2, getU32(v));
      assertTrue(m.lookup(key(32, 10, 7, 9, 3), v));
      assertEquals(1, getU32(v));
      assertFalse(m.lookup(key(32, 11, 1, 2, 3), v));
      assertTrue(m.delete(key(16, 10, 1, 0, 0)));
      assertTrue(m.lookup(key(32, 10, 1, 9, 3), v));
      assertEquals(1, getU32(v));
      assertFalse(m.delete(key(16, 10, 1, 0, 0)));
    }
  }

  @Test
  void nextKeyIsPostOrder() {
    try (BpfMap m = trie()) {
      // The kernel's example: 192.168.0.0/16, /15, 192.168.0.0/24, 192.168.1.0/24.
      m.update(key(16, 192, 168, 0, 0), u32(1), 0);
      m.update(key(15, 192, 168, 0, 0), u32(2), 0);
      m.update(key(24, 192, 168, 0, 0), u32(3), 0);
      m.update(key(24, 192, 168, 1, 0), u32(4), 0);
      List<String> order = new ArrayList<>();
      for (MemorySegment k : m.keys()) {
        order.add((k.get(Memory.U8, 6) & 0xff) + "/" + k.get(Memory.U8, 0));
      }
      assertEquals(List.of("0/24", "1/24", "0/16", "0/15"), order);
    }
  }

  @Test
  void flagsAndLimits() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("lpm", MapType.LPM_TRIE, 8, 4, 2))) {
      assertEquals(Errno.ENOENT, errno(() -> m.update(key(8, 1, 0, 0, 0), u32(1), 2)));
      m.update(key(8, 1, 0, 0, 0), u32(1), 1);
      assertEquals(Errno.EEXIST, errno(() -> m.update(key(8, 1, 0, 0, 0), u32(1), 1)));
      m.update(key(8, 2, 0, 0, 0), u32(1), 0);
      assertEquals(Errno.E2BIG, errno(() -> m.update(key(8, 3, 0, 0, 0), u32(1), 0)));
      assertEquals(Errno.EINVAL, errno(() -> m.update(key(33, 3, 0, 0, 0), u32(1), 0)));
    }
    assertThrows(IllegalArgumentException.class, () -> BpfMaps.create(
        BpfMapSpec.of("x", MapType.LPM_TRIE, 8, 4, 2).withFlags(0)));
  }
}
