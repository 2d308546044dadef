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

  /**
   * Data of 1..8 bytes (the lookup reads the key into one word): random prefixes near a few
   * bases, probes with the full prefix length and with shorter ones (an entry matches when
   * its prefix is no longer than the probe's and their leading bits agree).
   */
  @Property(tries = 40)
  void agreesWithBruteForceOnWordSizedData(
      @ForAll @IntRange(min = 1, max = 8) int dataSize,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> ops,
      @ForAll @Size(min = 6, max = 6) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer>
          probes) {
    int bitsMax = dataSize * 8;
    long[] bases = {0x0A00_0000_0000_0000L, 0xC0A8_0100_0000_0000L, 0xFFFF_FFFF_0000_0000L};
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("w", MapType.LPM_TRIE, 4 + dataSize, 4, 64))) {
      java.util.Map<String, long[]> ref = new java.util.HashMap<>(); // "plen/bits" -> bits, plen, v
      for (int op : ops) {
        long mix = op * 0x9E3779B97F4A7C15L;
        int plen = Math.floorMod(mix >>> 40, bitsMax + 1);
        long bits = mask(bases[op % 3] ^ (mix >>> (op % 40)), plen, bitsMax);
        MemorySegment k = key(plen, bits, dataSize);
        String id = plen + "/" + bits;
        if ((op & 1) == 0 || !ref.containsKey(id)) {
          m.update(k, u32(op), 0);
          ref.put(id, new long[] {bits, plen, op});
        } else {
          assertTrue(m.delete(k));
          ref.remove(id);
        }
      }
      for (int p : probes) {
        long mix = p * 0xBF58476D1CE4E5B9L;
        long addr = mask(bases[p % 3] ^ (mix >>> (p % 48)), bitsMax, bitsMax);
        int kp = p % 4 == 0 ? Math.floorMod(mix >>> 50, bitsMax + 1) : bitsMax;
        long want = -1;
        int best = -1;
        for (long[] e : ref.values()) {
          int plen = (int) e[1];
          if (plen <= kp && mask(addr, plen, bitsMax) == e[0] && plen > best) {
            best = plen;
            want = e[2];
          }
        }
        MemorySegment v = zeros(4);
        boolean found = m.lookup(key(kp, addr, dataSize), v);
        assertEquals(want >= 0, found, "probe " + Long.toHexString(addr) + "/" + kp);
        if (found) {
          assertEquals((int) want, getU32(v));
        }
      }
    }
  }

  /** {@code bits} (big-endian, data in the top {@code bitsMax} bits) cut to {@code plen}. */
  private static long mask(long bits, int plen, int bitsMax) {
    long keep = plen == 0 ? 0 : -1L << (64 - plen);
    return bits & keep & (-1L << (64 - bitsMax));
  }

  /** An lpm key: prefix length, then the top {@code dataSize} bytes of {@code bits}. */
  private static MemorySegment key(int plen, long bits, int dataSize) {
    int[] b = new int[4 + dataSize];
    b[0] = plen;
    for (int i = 0; i < dataSize; i++) {
      b[4 + i] = (int) (bits >>> (56 - 8 * i)) & 0xff;
    }
    return bytes(b);
  }

  /** The first {@code plen} bits of {@code a} and {@code b} (16 bytes each) are equal. */
  private static boolean samePrefix(byte[] a, byte[] b, int plen) {
    for (int i = 0; i < plen; i++) {
      int bit = 7 - (i & 7);
      if (((a[i >> 3] >> bit) & 1) != ((b[i >> 3] >> bit) & 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The same with 16-byte data (IPv6-sized keys, prefixes up to /128), so that matches
   * compare whole 64- and 32-bit words: addresses from a few bases that share long prefixes
   * and differ in bits all over the key.
   */
  @Property(tries = 30)
  void agreesWithBruteForceOnWideKeys(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> ops,
      @ForAll @Size(min = 8, max = 8) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> probes) {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("p6", MapType.LPM_TRIE, 20, 4, 128))) {
      java.util.Map<String, Integer> refValue = new java.util.HashMap<>();
      java.util.Map<String, byte[]> refData = new java.util.HashMap<>();
      java.util.Map<String, Integer> refLen = new java.util.HashMap<>();
      for (int op : ops) {
        int plen = op % 129;
        byte[] d = wideAddress(op >>> 7);
        for (int i = plen; i < 128; i++) {
          d[i >> 3] &= (byte) ~(1 << (7 - (i & 7)));
        }
        String id = plen + "/" + java.util.HexFormat.of().formatHex(d);
        MemorySegment k = wideKey(plen, d);
        if ((op & 1) == 0 || !refValue.containsKey(id)) {
          m.update(k, u32(op), 0);
          refValue.put(id, op);
          refData.put(id, d);
          refLen.put(id, plen);
        } else {
          assertTrue(m.delete(k));
          refValue.remove(id);
        }
      }
      assertEquals(refValue.size(), m.keys().size());
      for (int p : probes) {
        byte[] addr = wideAddress(p);
        Integer want = null;
        int best = -1;
        for (var e : refValue.entrySet()) {
          int plen = refLen.get(e.getKey());
          if (plen > best && samePrefix(refData.get(e.getKey()), addr, plen)) {
            best = plen;
            want = e.getValue();
          }
        }
        MemorySegment v = zeros(4);
        boolean found = m.lookup(wideKey(128, addr), v);
        assertEquals(want != null, found);
        if (found) {
          assertEquals((int) want, getU32(v));
        }
      }
    }
  }

  /** 16 bytes: one of four bases with a few bits of {@code r} flipped here and there. */
  private static byte[] wideAddress(int r) {
    byte[] d = new byte[16];
    long base = 0x20010db800000000L + (r & 3) * 0x1000000000L;
    for (int i = 0; i < 8; i++) {
      d[i] = (byte) (base >>> (56 - 8 * i));
    }
    d[8] = (byte) 0xfe;
    d[(r >>> 2) & 15] ^= (byte) (1 << ((r >>> 6) & 7));
    if ((r & 0x200) != 0) {
      d[15 - ((r >>> 10) & 7)] ^= (byte) (r >>> 13);
    }
    return d;
  }

  private static MemorySegment wideKey(int plen, byte[] d) {
    MemorySegment k = zeros(20);
    k.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0, plen);
    MemorySegment.copy(d, 0, k, java.lang.foreign.ValueLayout.JAVA_BYTE, 4, 16);
    return k;
  }
}
