package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LpmTrieProperties {
  /** The trie agrees with a brute-force longest-prefix search after random inserts/deletes. */
  @Property(tries = 30)
  void agreesWithBruteForce(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 0xffff) Integer> ops,
      @ForAll @Size(min = 5, max = 5) List<@IntRange(min = 0, max = 0xffff) Integer> probes) {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("p", MapType.LPM_TRIE, 6, 4, 64))) {
      java.util.Map<Long, Integer> ref = new java.util.HashMap<>();
      for (int op : ops) {
        int plen = op % 17;
        int bits = (op * 2654435761L) > 0 ? (int) ((op * 2654435761L) >>> 7) & 0xffff : op;
        int masked = plen == 0 ? 0 : bits & (0xffff << (16 - plen)) & 0xffff;
        MemorySegment k = bytes(plen, 0, 0, 0, masked >> 8, masked & 0xff);
        long id = ((long) plen << 16) | masked;
        if ((op & 1) == 0 || !ref.containsKey(id)) {
          m.update(k, u32(op), 0);
          ref.put(id, op);
        } else {
          assertTrue(m.delete(k));
          ref.remove(id);
        }
      }
      assertEquals(ref.size(), m.keys().size());
      for (int p : probes) {
        Integer want = null;
        int best = -1;
        for (var e : ref.entrySet()) {
          int plen = (int) (e.getKey() >> 16);
          int pre = (int) (e.getKey() & 0xffff);
          int mask = plen == 0 ? 0 : (0xffff << (16 - plen)) & 0xffff;
          if ((p & mask) == pre && plen > best) {
            best = plen;
            want = e.getValue();
          }
        }
        MemorySegment v = zeros(4);
        boolean found = m.lookup(bytes(16, 0, 0, 0, p >> 8, p & 0xff), v);
        assertEquals(want != null, found);
        if (found) {
          assertEquals((int) want, getU32(v));
        }
      }
    }
  }
}
