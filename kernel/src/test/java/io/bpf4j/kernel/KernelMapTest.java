package io.bpf4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.uapi.MapType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@RequiresKernel
class KernelMapTest {
  static byte[] u32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  static byte[] u64(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  @Test
  void hashCrud() {
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.HASH, 4, 8, 16).withName("crud"))) {
      assertEquals("crud", m.info().name());
      assertEquals(MapType.HASH, m.info().type());
      assertTrue(m.info().id() > 0);
      assertTrue(m.lookup(u32(1)).isEmpty());
      m.update(u32(1), u64(42));
      assertArrayEquals(u64(42), m.lookup(u32(1)).orElseThrow());
      BpfException e = assertThrows(BpfException.class, () -> m.update(u32(1), u64(7), KernelMap.NOEXIST));
      assertEquals("EEXIST", e.errnoName());
      assertTrue(e.getMessage().contains("bpf(BPF_MAP_UPDATE_ELEM): EEXIST"), e.getMessage());
      m.update(u32(2), u64(43));
      assertEquals(2, m.keys().size());
      assertTrue(m.delete(u32(1)));
      assertFalse(m.delete(u32(1)));
      assertEquals(1, m.keys().size());
    }
  }

  @Test
  void batchOperations() {
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.HASH, 4, 8, 64))) {
      List<byte[]> keys = new ArrayList<>();
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        keys.add(u32(i));
        values.add(u64(i * 100L));
      }
      assertEquals(20, m.updateBatch(keys, values, 0));
      var all = m.lookupBatch(7);
      assertEquals(20, all.size());
      for (var e : all) {
        int k = ByteBuffer.wrap(e.getKey()).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertArrayEquals(u64(k * 100L), e.getValue());
      }
      assertEquals(5, m.deleteBatch(keys.subList(0, 5)));
      assertEquals(15, m.keys().size());
    }
  }

  @Test
  void freezeStopsUserWrites() {
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 4, 1))) {
      m.update(u32(0), u32(5));
      m.freeze();
      BpfException e = assertThrows(BpfException.class, () -> m.update(u32(0), u32(6)));
      assertEquals("EPERM", e.errnoName());
      assertArrayEquals(u32(5), m.lookup(u32(0)).orElseThrow());
    }
  }

  @Test
  void perCpuValuesHaveOneSlotPerCpu() {
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.PERCPU_ARRAY, 4, 4, 1))) {
      assertEquals(8 * KernelMap.possibleCpus(), m.valueBufferSize());
      assertEquals(m.valueBufferSize(), m.lookup(u32(0)).orElseThrow().length);
    }
  }

  @Test
  void pinAndReopenById() throws Exception {
    String pin = "/sys/fs/bpf/bpf4j-test-" + ProcessHandle.current().pid();
    try (KernelMap m = KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 8, 2).withName("pinned"))) {
      m.update(u32(1), u64(99));
      m.pin(pin);
      try (KernelMap again = KernelMap.fromPin(Bpf.system(), pin);
          KernelMap byId = KernelMap.fromId(Bpf.system(), m.info().id())) {
        assertEquals(m.info().id(), again.info().id());
        assertArrayEquals(u64(99), again.lookup(u32(1)).orElseThrow());
        assertArrayEquals(u64(99), byId.lookup(u32(1)).orElseThrow());
      }
    } finally {
      KernelMap.unpin(pin);
    }
    assertFalse(Files.exists(Path.of(pin)));
  }

  @Test
  void badMapSaysWhichAndWhy() {
    int before = Fds.open();
    BpfException e = assertThrows(BpfException.class,
        () -> KernelMap.create(MapOptions.of(MapType.ARRAY, 4, 0, 1).withName("zero")));
    assertEquals("EINVAL", e.errnoName());
    assertTrue(e.getMessage().startsWith("map 'zero': bpf(BPF_MAP_CREATE): EINVAL"), e.getMessage());
    assertEquals(before, Fds.open());
  }

  @Test
  void closingReleasesTheFd() {
    int before = Fds.open();
    KernelMap m = KernelMap.create(MapOptions.of(MapType.HASH, 4, 4, 1));
    assertEquals(before + 1, Fds.open());
    m.close();
    m.close();
    assertEquals(before, Fds.open());
  }
}
