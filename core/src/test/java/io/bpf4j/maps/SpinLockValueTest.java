package io.bpf4j.maps;

import static io.bpf4j.maps.Segs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.bpf4j.uapi.MapType;
import io.bpf4j.vm.Memory;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Values with a {@code struct bpf_spin_lock} (here at offset 4 of {@code {u32 a; lock; u64 b}}):
 * the lock word reads 0 and is never written by updates, {@code BPF_F_LOCK} copies while
 * holding the lock, and the flag is EINVAL on a map without one.
 */
class SpinLockValueTest {
  private static final int LOCK = 4;

  private static MemorySegment value(int a, int lockWord, long b) {
    MemorySegment v = zeros(16);
    v.set(Memory.U32, 0, a);
    v.set(Memory.U32, LOCK, lockWord);
    v.set(Memory.U64, 8, b);
    return v;
  }

  private static BpfMap create(MapType t) {
    return BpfMaps.create(BpfMapSpec.of("locked", t, 4, 16, 4).withSpinLock(LOCK));
  }

  private static int errno(Runnable r) {
    return assertThrows(BpfMapException.class, r::run).errno();
  }

  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"ARRAY", "HASH"})
  void theLockWordIsNeitherShownNorOverwritten(MapType t) {
    try (BpfMap m = create(t)) {
      m.update(u32(1), value(5, 0x12345678, 50), BpfMap.BPF_ANY);
      long elem = MapHelpers.lookup(m.address(), u32(1).address());
      assertEquals(0, Memory.ALL.get(Memory.U32, elem + LOCK), "a stored value starts unlocked");
      Memory.ALL.set(Memory.U32, elem + LOCK, 1); // a program holds the lock
      MemorySegment out = zeros(16);
      assertTrue(m.lookup(u32(1), out));
      assertEquals(0, out.get(Memory.U32, LOCK), "the lock word reads 0");
      assertEquals(5, out.get(Memory.U32, 0));
      assertEquals(50, out.get(Memory.U64, 8));
      if (t == MapType.ARRAY) { // an array value is updated in place: the held lock stays held
        m.update(u32(1), value(6, 0, 60), BpfMap.BPF_ANY);
        assertEquals(1, Memory.ALL.get(Memory.U32, elem + LOCK));
      }
      Memory.ALL.set(Memory.U32, elem + LOCK, 0);
      // a program-side update does not store the lock word either
      assertEquals(0, MapHelpers.update(m.address(), u32(2).address(), value(7, -1, 70).address(), 0));
      long e2 = MapHelpers.lookup(m.address(), u32(2).address());
      assertEquals(0, Memory.ALL.get(Memory.U32, e2 + LOCK));
      assertEquals(70, Memory.ALL.get(Memory.U64, e2 + 8));
    }
  }

  @ParameterizedTest
  @EnumSource(value = MapType.class, names = {"ARRAY", "HASH"})
  void lockedCopiesWaitForTheLock(MapType t) throws Exception {
    try (BpfMap m = create(t)) {
      m.update(u32(0), value(1, 0, 10), BpfMap.BPF_ANY);
      long elem = MapHelpers.lookup(m.address(), u32(0).address());
      Memory.ALL.set(Memory.U32, elem + LOCK, 1); // held, as between bpf_spin_lock and unlock
      CompletableFuture<Void> update = CompletableFuture.runAsync(
          () -> m.update(u32(0), value(2, 0, 20), BpfMap.BPF_F_LOCK));
      assertThrows(TimeoutException.class, () -> update.get(100, TimeUnit.MILLISECONDS));
      MemorySegment before = zeros(16);
      assertTrue(m.lookup(u32(0), before), "a lookup without BPF_F_LOCK does not wait");
      assertEquals(10, before.get(Memory.U64, 8));
      Memory.ALL.set(Memory.U32, elem + LOCK, 0);
      update.get(5, TimeUnit.SECONDS);
      assertEquals(elem, MapHelpers.lookup(m.address(), u32(0).address()),
          "with BPF_F_LOCK an existing value is written in place");
      MemorySegment out = zeros(16);
      assertTrue(m.lookup(u32(0), out, BpfMap.BPF_F_LOCK));
      assertEquals(2, out.get(Memory.U32, 0));
      assertEquals(20, out.get(Memory.U64, 8));
      assertEquals(0, Memory.ALL.get(Memory.U32, elem + LOCK), "released after the copy");
    }
  }

  @Test
  void flagsAndErrorsAreTheKernels() {
    try (BpfMap h = create(MapType.HASH); BpfMap a = create(MapType.ARRAY);
        BpfMap plain = BpfMaps.create(BpfMapSpec.of("plain", MapType.HASH, 4, 16, 4))) {
      MemorySegment v = value(1, 0, 1);
      h.update(u32(1), v, BpfMap.BPF_F_LOCK);
      assertEquals(Errno.EEXIST, errno(() -> h.update(u32(1), v, BpfMap.BPF_F_LOCK | BpfMap.BPF_NOEXIST)));
      assertEquals(Errno.ENOENT, errno(() -> h.update(u32(2), v, BpfMap.BPF_F_LOCK | BpfMap.BPF_EXIST)));
      assertEquals(Errno.EINVAL, errno(() -> h.update(u32(1), v, BpfMap.BPF_F_LOCK | 8)));
      assertEquals(Errno.EINVAL, errno(() -> h.lookup(u32(1), zeros(16), 8)));
      assertFalse(h.lookup(u32(3), zeros(16), BpfMap.BPF_F_LOCK));
      assertEquals(Errno.E2BIG, errno(() -> a.update(u32(4), v, BpfMap.BPF_F_LOCK)));
      assertEquals(Errno.EEXIST, errno(() -> a.update(u32(0), v, BpfMap.BPF_NOEXIST)));
      plain.update(u32(1), v, BpfMap.BPF_ANY);
      assertEquals(Errno.EINVAL, errno(() -> plain.update(u32(1), v, BpfMap.BPF_F_LOCK)));
      assertEquals(Errno.EINVAL, errno(() -> plain.lookup(u32(1), zeros(16), BpfMap.BPF_F_LOCK)));
      assertEquals(-Errno.EINVAL, MapHelpers.update(plain.address(), u32(1).address(), v.address(), BpfMap.BPF_F_LOCK));
    }
  }

  @Test
  void onlyArrayAndHashValuesMayHoldALock() {
    for (MapType t : new MapType[] {MapType.LRU_HASH, MapType.PERCPU_ARRAY, MapType.QUEUE}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BpfMapSpec.of("x", t, 4, 16, 4).withSpinLock(0));
      assertTrue(e.getMessage().contains("bpf_spin_lock"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> BpfMapSpec.of("x", MapType.HASH, 4, 16, 4).withSpinLock(14));
    assertEquals(-1, BpfMapSpec.of("x", MapType.HASH, 4, 16, 4).spinLockOffset());
  }
}
