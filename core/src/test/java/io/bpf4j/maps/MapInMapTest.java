package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Engine;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class MapInMapTest {
  static final BpfMapSpec INNER = BpfMapSpec.of("inner", MapType.ARRAY, 4, 8, 4);

  @Test
  void arrayOfMapsHoldsIdsAndGivesProgramsMapPointers() {
    try (BpfMap outer = BpfMaps.create(
            BpfMapSpec.of("outer", MapType.ARRAY_OF_MAPS, 4, 4, 2).withInner(INNER));
        BpfMap inner = BpfMaps.create(INNER);
        BpfMap wrong = BpfMaps.create(BpfMapSpec.of("w", MapType.ARRAY, 4, 8, 5))) {
      outer.update(u32(1), u32(inner.id()), 0);
      assertEquals(Errno.EINVAL, errno(() -> outer.update(u32(0), u32(wrong.id()), 0)));
      assertEquals(9, errno(() -> outer.update(u32(0), u32(123456), 0)));
      MemorySegment v = zeros(4);
      assertTrue(outer.lookup(u32(1), v));
      assertEquals(inner.id(), getU32(v));
      assertEquals(inner.address(), MapHelpers.lookup(outer.address(), u32(1).address()));
      assertEquals(0, MapHelpers.lookup(outer.address(), u32(0).address()));
      assertTrue(outer.delete(u32(1)));
      assertFalse(outer.delete(u32(1)));
    }
  }

  @Test
  void hashOfMaps() {
    try (BpfMap outer = BpfMaps.create(
            BpfMapSpec.of("outer", MapType.HASH_OF_MAPS, 8, 4, 2).withInner(INNER));
        BpfMap inner = BpfMaps.create(INNER)) {
      outer.update(u64(77), u32(inner.id()), BpfMap.BPF_NOEXIST);
      assertEquals(Errno.EEXIST, errno(() -> outer.update(u64(77), u32(inner.id()), 1)));
      assertEquals(inner.address(), MapHelpers.lookup(outer.address(), u64(77).address()));
      assertEquals(1, outer.keys().size());
    }
  }

  @Test
  void progArrayHoldsEngines() {
    try (BpfMap pa = BpfMaps.create(BpfMapSpec.of("jmp", MapType.PROG_ARRAY, 4, 4, 4))) {
      Engine e = (ctx, len) -> 7;
      ProgArray.set(pa, 2, e);
      assertSame(e, MapHelpers.tailCallTarget(pa.address(), 2));
      assertNull(MapHelpers.tailCallTarget(pa.address(), 3));
      assertNull(MapHelpers.tailCallTarget(pa.address(), 99));
      assertTrue(pa.delete(u32(2)));
      assertFalse(pa.delete(u32(2)));
      assertEquals(Errno.E2BIG, errno(() -> ProgArray.set(pa, 9, e)));
    }
  }
}
