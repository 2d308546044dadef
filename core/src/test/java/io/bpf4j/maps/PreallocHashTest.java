package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Preallocated hash maps (no {@code BPF_F_NO_PREALLOC}; LRU maps always): a replaced or
 * deleted element is reused at once, the map never holds more than max_entries plus one spare
 * per lock stripe, and {@code BPF_F_NO_PREALLOC} maps still defer their frees through
 * {@link Rcu}.
 */
class PreallocHashTest {
  private static HashTable table(BpfMap m) {
    return (HashTable) m;
  }

  private static long update(BpfMap m, MemorySegment k, MemorySegment v, long flags) {
    return MapHelpers.update(m.address(), k.address(), v.address(), flags);
  }

  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"HASH", "PERCPU_HASH", "LRU_HASH", "LRU_PERCPU_HASH"})
  void aMillionUpdatesStayWithinTheBound(MapType type) {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("bound", type, 4, 16, 64))) {
      HashTable h = table(m);
      MemorySegment k = zeros(4);
      MemorySegment v = zeros(16);
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      int pending = Rcu.pending();
      int keys = type.name().startsWith("LRU") ? 200 : 64; // LRU: inserts that evict too
      for (int i = 0; i < 1_000_000; i++) {
        k.set(Memory.U32, 0, rnd.nextInt(keys));
        v.set(Memory.U64, 0, i);
        if (i % 7 == 3) {
          MapHelpers.delete(m.address(), k.address());
        } else {
          assertEquals(0, update(m, k, v, BpfMap.BPF_ANY), "update " + i);
        }
      }
      assertTrue(m.keys().size() <= 64);
      assertTrue(h.pooledElements() > 0);
      assertTrue(h.pooledElements() <= h.elementBound(),
          h.pooledElements() + " elements, bound " + h.elementBound());
      assertTrue(Rcu.pending() <= pending, "nothing waits for a grace period");
    }
  }

  @Test
  void oneThreadReplacingAlternatesTwoElements() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("alt", MapType.HASH, 4, 8, 8))) {
      MemorySegment k = u32(5);
      update(m, k, u64(0), 0);
      long first = MapHelpers.lookup(m.address(), k.address());
      update(m, k, u64(1), 0);
      long second = MapHelpers.lookup(m.address(), k.address());
      assertNotEquals(first, second, "a replacement links a new element");
      update(m, k, u64(2), 0);
      assertEquals(first, MapHelpers.lookup(m.address(), k.address()),
          "the replaced element is reused by the next update, without a grace period");
      assertEquals(2, Memory.ALL.get(Memory.U64, first));
      assertEquals(2, table(m).pooledElements());
    }
  }

  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"HASH", "PERCPU_HASH"})
  void aFullMapRefusesNewKeysButReplacesExistingOnes(MapType type) {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("full", type, 4, 8, 4))) {
      MemorySegment v = zeros(8);
      for (int i = 0; i < 4; i++) {
        assertEquals(0, update(m, u32(i), v, BpfMap.BPF_NOEXIST));
      }
      assertEquals(-Errno.E2BIG, update(m, u32(4), v, BpfMap.BPF_ANY));
      assertEquals(-Errno.E2BIG, update(m, u32(4), v, BpfMap.BPF_NOEXIST));
      assertEquals(-Errno.ENOENT, update(m, u32(4), v, BpfMap.BPF_EXIST));
      for (int r = 0; r < 1000; r++) {
        v.set(Memory.U64, 0, r);
        assertEquals(0, update(m, u32(r % 4), v, r % 2 == 0 ? BpfMap.BPF_ANY : BpfMap.BPF_EXIST));
      }
      assertEquals(4, m.keys().size());
      assertEquals(-Errno.E2BIG, update(m, u32(4), v, BpfMap.BPF_ANY));
      assertEquals(0, MapHelpers.delete(m.address(), u32(2).address()));
      int before = table(m).pooledElements();
      assertEquals(0, update(m, u32(4), v, BpfMap.BPF_NOEXIST), "room after a delete");
      assertEquals(before, table(m).pooledElements(), "the deleted element was reused");
      assertTrue(before <= table(m).elementBound());
    }
  }

  @Test
  void noPreallocStillDefersFrees() throws Exception {
    BpfMapSpec spec = BpfMapSpec.of("np", MapType.HASH, 4, 8, 4)
        .withFlags(BpfMapSpec.BPF_F_NO_PREALLOC);
    try (BpfMap m = BpfMaps.create(spec)) {
      assertEquals(-1, table(m).pooledElements());
      MemorySegment k = u32(1);
      update(m, k, u64(1), 0);
      Rcu.enter();
      try {
        long old = MapHelpers.lookup(m.address(), k.address());
        int pending = Rcu.pending();
        for (int i = 2; i < 10; i++) {
          update(m, k, u64(i), 0);
          assertNotEquals(old, MapHelpers.lookup(m.address(), k.address()));
        }
        assertTrue(Rcu.pending() >= pending + 8, "the 8 replaced elements wait");
        Rcu.reclaim();
        assertEquals(1, Memory.ALL.get(Memory.U64, old), "not reused under a reader");
      } finally {
        Rcu.exit();
      }
    }
  }

  @Test
  void lruRefusesNoPreallocAsTheKernel() {
    BpfMapSpec spec = BpfMapSpec.of("l", MapType.LRU_HASH, 4, 8, 4)
        .withFlags(BpfMapSpec.BPF_F_NO_PREALLOC);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BpfMaps.create(spec));
    assertTrue(e.getMessage().contains("BPF_F_NO_PREALLOC"), e.getMessage());
  }

  @Test
  void aReusedPerCpuElementStartsZeroedOnOtherCpus() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("pc", MapType.PERCPU_HASH, 4, 8, 4))) {
      int cpus = CpuSlots.count();
      MemorySegment all = zeros(8L * cpus);
      for (int c = 0; c < cpus; c++) {
        all.set(Memory.U64, 8L * c, 0x1111L * (c + 1));
      }
      m.update(u32(1), all, 0); // every CPU's value, from user space
      assertTrue(m.delete(u32(1)));
      assertEquals(0, update(m, u32(2), u64(7), 0)); // a program: this CPU only
      MemorySegment out = zeros(8L * cpus);
      assertTrue(m.lookup(u32(2), out));
      int self = CpuSlots.current();
      for (int c = 0; c < cpus; c++) {
        assertEquals(c == self ? 7 : 0, out.get(Memory.U64, 8L * c), "cpu " + c);
      }
    }
  }

  /**
   * Writers replace and delete in two maps while readers look up through value pointers:
   * nothing crashes, and a value read through a map's pointer always carries that map's tag
   * (reuse stays inside the map).
   */
  @Test
  void readersAndWritersOnTwoMapsNeverSeeAForeignValue() throws Exception {
    try (BpfMap a = BpfMaps.create(BpfMapSpec.of("ta", MapType.HASH, 4, 16, 32));
        BpfMap b = BpfMaps.create(BpfMapSpec.of("tb", MapType.HASH, 4, 16, 32))) {
      BpfMap[] maps = {a, b};
      long[] tags = {0xAAAA_0000_0000_0000L, 0xBBBB_0000_0000_0000L};
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      ConcurrencyTest.parallel(t -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        MemorySegment k = zeros(4);
        MemorySegment v = zeros(16);
        if (t < 2) {
          for (int i = 0; i < 300_000; i++) {
            int which = rnd.nextInt(2);
            k.set(Memory.U32, 0, rnd.nextInt(40));
            if (rnd.nextInt(8) == 0) {
              MapHelpers.delete(maps[which].address(), k.address());
            } else {
              v.set(Memory.U64, 0, tags[which] | i);
              v.set(Memory.U64, 8, tags[which]);
              long r = update(maps[which], k, v, BpfMap.BPF_ANY);
              assertTrue(r == 0 || r == -Errno.E2BIG, "update: " + r);
            }
          }
          stop.set(true);
          return;
        }
        while (!stop.get()) {
          int which = rnd.nextInt(2);
          k.set(Memory.U32, 0, rnd.nextInt(40));
          Rcu.enter();
          try {
            long p = MapHelpers.lookup(maps[which].address(), k.address());
            if (p != 0) {
              long tag = Memory.ALL.get(Memory.U64, p) & 0xFFFF_0000_0000_0000L;
              assertTrue(tag == tags[which] || Memory.ALL.get(Memory.U64, p + 8) == tags[which],
                  "a value of the other map");
              assertEquals(tags[which], Memory.ALL.get(Memory.U64, p + 8), "foreign tag");
              reads.incrementAndGet();
            }
          } finally {
            Rcu.exit();
          }
        }
      });
      assertTrue(reads.get() > 0);
      for (BpfMap m : maps) { // two writers may each take one block from the slab at once
        assertTrue(table(m).pooledElements() <= table(m).elementBound() + 2,
            table(m).pooledElements() + " elements, bound " + table(m).elementBound());
      }
    }
  }
}
