package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ArrayMapTest {
  @Test
  void valuesStartZeroedAndUpdateInPlace() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("arr", MapType.ARRAY, 4, 8, 4))) {
      MemorySegment v = zeros(8);
      assertTrue(m.lookup(u32(3), v));
      assertEquals(0, getU64(v));
      m.update(u32(3), u64(99), BpfMap.BPF_ANY);
      assertTrue(m.lookup(u32(3), v));
      assertEquals(99, getU64(v));
      long addr = MapHelpers.lookup(m.address(), u32(3).address());
      assertEquals(99, Memory.ALL.get(Memory.U64, addr));
      assertEquals(0, addr & 7, "values are 8-byte aligned");
      assertEquals(addr, MapHelpers.lookup(m.address(), u32(3).address()), "stable pointer");
    }
  }

  @Test
  void kernelErrors() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("arr", MapType.ARRAY, 4, 8, 4))) {
      assertEquals(Errno.E2BIG, errno(() -> m.update(u32(4), u64(1), BpfMap.BPF_ANY)));
      assertEquals(Errno.EEXIST, errno(() -> m.update(u32(1), u64(1), BpfMap.BPF_NOEXIST)));
      assertEquals(0, errno(() -> m.update(u32(1), u64(1), BpfMap.BPF_EXIST)));
      assertEquals(Errno.EINVAL, errno(() -> m.update(u32(1), u64(1), 8)));
      assertEquals(Errno.EINVAL, errno(() -> m.delete(u32(1))));
      assertFalse(m.lookup(u32(4), zeros(8)));
      assertEquals(0, MapHelpers.lookup(m.address(), u32(4).address()));
      assertEquals(-Errno.E2BIG, MapHelpers.update(m.address(), u32(9).address(),
          u64(1).address(), 0));
    }
  }

  @Test
  void nextKeyWalksIndexesAndRestartsFromOutOfRange() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("arr", MapType.ARRAY, 4, 4, 3))) {
      MemorySegment n = zeros(4);
      assertTrue(m.nextKey(null, n));
      assertEquals(0, getU32(n));
      assertTrue(m.nextKey(u32(1), n));
      assertEquals(2, getU32(n));
      assertFalse(m.nextKey(u32(2), n));
      assertTrue(m.nextKey(u32(77), n));
      assertEquals(0, getU32(n));
      assertEquals(3, m.keys().size());
    }
  }

  @Test
  void perCpuKeepsOneValuePerSlot() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("pc", MapType.PERCPU_ARRAY, 4, 4, 2))) {
      int cpus = CpuSlots.count();
      assertEquals(8 * cpus, m.javaValueSize());
      MemorySegment all = zeros(8L * cpus);
      for (int c = 0; c < cpus; c++) {
        all.set(Memory.U32, 8L * c, 10 + c);
      }
      m.update(u32(1), all, BpfMap.BPF_ANY);
      long p = MapHelpers.lookup(m.address(), u32(1).address());
      assertEquals(10 + CpuSlots.current(), Memory.ALL.get(Memory.U32, p));
      Memory.ALL.set(Memory.U32, p, 500);
      MemorySegment back = zeros(8L * cpus);
      assertTrue(m.lookup(u32(1), back));
      assertEquals(500, back.get(Memory.U32, 8L * CpuSlots.current()));
    }
  }

  @Test
  void batchLookupPagesThroughAll() {
    try (BpfMap m = BpfMaps.create(BpfMapSpec.of("arr", MapType.ARRAY, 4, 4, 5))) {
      for (int i = 0; i < 5; i++) {
        m.update(u32(i), u32(i * 10), 0);
      }
      MemorySegment keys = zeros(12);
      MemorySegment vals = zeros(12);
      BatchResult r = m.lookupBatch(null, keys, vals, 3, false);
      assertEquals(3, r.count());
      assertFalse(r.done());
      assertEquals(20, vals.get(Memory.U32, 8));
      BatchResult r2 = m.lookupBatch(r.cursor(), keys, vals, 3, false);
      assertEquals(2, r2.count());
      assertTrue(r2.done());
      assertEquals(40, vals.get(Memory.U32, 4));
    }
  }

  @Test
  void refusesBadSpec() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BpfMaps.create(BpfMapSpec.of("bad", MapType.ARRAY, 8, 4, 1)));
    assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
  }

  @Test
  void descriptorNamesTheMap() {
    BpfMap m = BpfMaps.create(BpfMapSpec.of("d", MapType.ARRAY, 4, 12, 3));
    {
      assertSame(m, BpfMaps.byAddress(m.address()));
      assertSame(m, BpfMaps.byId(m.id()));
      assertEquals(MapType.ARRAY.value(), Memory.ALL.get(Memory.U32, m.address() + 8));
      long data = Memory.ALL.get(Memory.U64, m.address() + 24);
      assertEquals(data + 16, MapHelpers.lookup(m.address(), u32(1).address()));
      m.close();
      assertNull(BpfMaps.byId(m.id()));
    }
  }
}
