package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class HashTableTest {
  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"HASH", "PERCPU_HASH", "LRU_HASH", "LRU_PERCPU_HASH"})
  void flagsAndErrorsAsTheKernel(MapType type) {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("h", type, 4, 8, 2))) {
      MemorySegment v = zeros(m.javaValueSize());
      assertEquals(Errno.ENOENT, errno(() -> m.update(u32(1), v, BpfMap.BPF_EXIST)));
      m.update(u32(1), v, BpfMap.BPF_NOEXIST);
      assertEquals(Errno.EEXIST, errno(() -> m.update(u32(1), v, BpfMap.BPF_NOEXIST)));
      m.update(u32(1), v, BpfMap.BPF_EXIST);
      assertEquals(Errno.EINVAL, errno(() -> m.update(u32(1), v, 3)));
      m.update(u32(2), v, BpfMap.BPF_ANY);
      int full = errno(() -> m.update(u32(3), v, BpfMap.BPF_ANY));
      if (type == MapType.HASH || type == MapType.PERCPU_HASH) {
        assertEquals(Errno.E2BIG, full);
      } else {
        assertEquals(0, full, "LRU evicts instead");
      }
      assertEquals(2, m.keys().size());
      assertTrue(m.delete(u32(3)) || m.delete(u32(1)));
      assertFalse(m.delete(u32(99)));
    }
  }

  @Test
  void replaceKeepsReadersOnTheOldElementWithoutPrealloc() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("h", MapType.HASH, 4, 8, 8).withFlags(BpfMapSpec.BPF_F_NO_PREALLOC))) {
      m.update(u32(5), u64(1), 0);
      Rcu.enter();
      long old;
      try {
        old = MapHelpers.lookup(m.address(), u32(5).address());
        m.update(u32(5), u64(2), 0);
        Rcu.reclaim();
        assertEquals(1, Memory.ALL.get(Memory.U64, old), "old element not reused under reader");
      } finally {
        Rcu.exit();
      }
      long now = MapHelpers.lookup(m.address(), u32(5).address());
      assertNotEquals(old, now);
      assertEquals(2, Memory.ALL.get(Memory.U64, now));
    }
  }

  @Test
  void nextKeyVisitsAllAndRestartsFromMissingKey() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("h", MapType.HASH, 4, 4, 64))) {
      for (int i = 0; i < 40; i++) {
        m.update(u32(i), u32(i), 0);
      }
      Set<Integer> seen = new HashSet<>();
      for (MemorySegment k : m.keys()) {
        assertTrue(seen.add(getU32(k)));
      }
      assertEquals(40, seen.size());
      MemorySegment first = zeros(4);
      MemorySegment fromMissing = zeros(4);
      assertTrue(m.nextKey(null, first));
      assertTrue(m.nextKey(u32(1000), fromMissing));
      assertEquals(getU32(first), getU32(fromMissing));
    }
  }

  @Test
  void lookupAndDeleteAndBatches() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("h", MapType.HASH, 4, 4, 16))) {
      MemorySegment keys = zeros(40);
      MemorySegment vals = zeros(40);
      for (int i = 0; i < 10; i++) {
        keys.set(Memory.U32, 4L * i, i);
        vals.set(Memory.U32, 4L * i, 100 + i);
      }
      assertEquals(10, m.updateBatch(keys, vals, 10, 0));
      MemorySegment v = zeros(4);
      assertTrue(m.lookupAndDelete(u32(3), v));
      assertEquals(103, getU32(v));
      assertFalse(m.lookupAndDelete(u32(3), v));
      MemorySegment ok = zeros(36);
      MemorySegment ov = zeros(36);
      BatchResult r = m.lookupBatch(null, ok, ov, 9, true);
      assertEquals(9, r.count());
      for (int i = 0; i < 9; i++) {
        assertEquals(100 + ok.get(Memory.U32, 4L * i), ov.get(Memory.U32, 4L * i));
      }
      assertTrue(m.keys().isEmpty());
      assertEquals(Errno.ENOENT, errno(() -> m.deleteBatch(keys, 1)));
    }
  }

  @Test
  void lruEvictsLeastRecentlyUsed() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("lru", MapType.LRU_HASH, 4, 4, 4))) {
      for (int i = 0; i < 4; i++) {
        m.update(u32(i), u32(i), 0);
      }
      // Touch 0 from a program; 1 is now the least recently used.
      assertNotEquals(0, MapHelpers.lookup(m.address(), u32(0).address()));
      m.update(u32(10), u32(10), 0);
      assertFalse(m.lookup(u32(1), zeros(4)));
      assertTrue(m.lookup(u32(0), zeros(4)));
      assertEquals(4, m.keys().size());
    }
  }

  @Test
  void perCpuProgramUpdateTouchesOnlyTheCurrentSlot() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("pch", MapType.PERCPU_HASH, 4, 4, 4))) {
      long r = MapHelpers.update(m.address(), u32(1).address(), u32(7).address(), 0);
      assertEquals(0, r);
      MemorySegment all = zeros(m.javaValueSize());
      assertTrue(m.lookup(u32(1), all));
      for (int c = 0; c < CpuSlots.count(); c++) {
        assertEquals(c == CpuSlots.current() ? 7 : 0, all.get(Memory.U32, 8L * c));
      }
    }
  }

  @Test
  void typedViewWithRecords() {
    record Flow(int src, short port, byte proto) {}
    record Stats(long packets, long bytes) {}
    Codec<Flow> fc = Codecs.record(Flow.class);
    assertEquals(8, fc.size());
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("flows", MapType.HASH, 8, 16, 8))) {
      TypedView<Flow, Stats> v = m.typed(fc, Codecs.record(Stats.class));
      v.put(new Flow(1, (short) 80, (byte) 6), new Stats(3, 180));
      assertEquals(new Stats(3, 180), v.get(new Flow(1, (short) 80, (byte) 6)).orElseThrow());
      assertEquals(1, v.snapshot().size());
      assertTrue(v.remove(new Flow(1, (short) 80, (byte) 6)));
    }
  }
}
